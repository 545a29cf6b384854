using MultiStage.Sdk.Context;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Context;

/// <summary>Reading a .dockerignore file: lines, comments, cleaning, and the errors for patterns Docker cannot use.</summary>
[TestFixture]
public class DockerIgnoreParseTests
{
    [Test]
    public void CommentsBlankLinesAndSpacesAreDropped()
    {
        var ignore = DockerIgnore.Parse("# build output\n\n   \n  bin  \n\tobj\t\n", ".dockerignore");

        Assert.That(ignore.Patterns, Is.EqualTo(new[] { "bin", "obj" }));
    }

    [Test]
    public void OnlyAHashInTheFirstColumnStartsAComment()
    {
        var ignore = DockerIgnore.Parse(" #draft", ".dockerignore");

        Assert.That(ignore.Patterns, Is.EqualTo(new[] { "#draft" }));
        Assert.That(ignore.IsExcluded("#draft"), Is.True);
    }

    [Test]
    public void ByteOrderMarkAndCarriageReturnsAreDropped()
    {
        var ignore = DockerIgnore.Parse("\uFEFFbin\r\nobj\r\n", ".dockerignore");

        Assert.That(ignore.Patterns, Is.EqualTo(new[] { "bin", "obj" }));
    }

    [Test]
    public void LoadReadsAFileWithAByteOrderMark()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dockerignore-{Guid.NewGuid():N}");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, (byte)'#', (byte)'\n', (byte)'b', (byte)'i', (byte)'n']);
        try
        {
            Assert.That(DockerIgnore.Load(path).Patterns, Is.EqualTo(new[] { "bin" }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("/a/./b/", "a/b")]
    [TestCase("a/../../b", "../b")]
    [TestCase("//x//y//", "x/y")]
    [TestCase("/..", "/")]
    [TestCase("!/x/", "!x")]
    [TestCase("!  keep.md", "!keep.md")]
    [TestCase("!!bang", "!!bang")]
    public void PatternsAreCleanedLikePaths(string line, string cleaned)
    {
        Assert.That(DockerIgnore.Parse(line, ".dockerignore").Patterns, Is.EqualTo(new[] { cleaned }));
    }

    [TestCase("[", "never closed")]
    [TestCase("a[", "never closed")]
    [TestCase("[abc", "never closed")]
    [TestCase("[^", "never closed")]
    [TestCase("[]a]", "escaped")]
    [TestCase("[^]", "escaped")]
    [TestCase("[-]", "escaped")]
    [TestCase("[-x]", "escaped")]
    [TestCase("[x-]", "escaped")]
    [TestCase("[a-b-c]", "escaped")]
    [TestCase("[z-a]", "backwards")]
    [TestCase("x\\", "escapes nothing")]
    [TestCase("[a\\", "escapes nothing")]
    [TestCase("!", "'!'")]
    [TestCase("! ", "'!'")]
    [TestCase("!/", "'!'")]
    [TestCase("v\\d", "regular-expression escape")]
    [TestCase("\\é", "regular-expression escape")]
    [TestCase("[*]", "escape it")]
    [TestCase("[a?]", "escape it")]
    [TestCase("[[:alpha:]]", "POSIX")]
    [TestCase("*.js|*.ts", "regular-expression syntax")]
    [TestCase("v*{2}", "regular-expression syntax")]
    public void InvalidPatternIsACodedErrorAtItsLine(string pattern, string reason)
    {
        string text = $"# comment\n\nbin\n{pattern}\nobj\n";

        var error = Assert.Throws<MultiStageException>(() => DockerIgnore.Parse(text, "/app/.dockerignore"))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Diagnostic.Code, Is.EqualTo("MSTAGE1010"));
            Assert.That(error.Diagnostic.File, Is.EqualTo("/app/.dockerignore"));
            Assert.That(error.Diagnostic.Line, Is.EqualTo(4));
            Assert.That(error.Diagnostic.Message, Does.Contain(pattern.Trim()).And.Contain(reason));
        });
    }

    [Test]
    public void MayReincludeUnderIsFalseWithoutExceptions()
    {
        var ignore = DockerIgnore.Parse("node_modules\n**/*.log", ".dockerignore");

        Assert.That(ignore.MayReincludeUnder("node_modules"), Is.False);
    }

    [TestCase("node_modules\n!node_modules/keep/x.js", "node_modules", true)]
    [TestCase("node_modules\n!node_modules/keep/x.js", "node_modules/keep", true)]
    [TestCase("node_modules\n!node_modules/keep/x.js", "node_modules/other", false)]
    [TestCase("node_modules\n!node_modules/keep/x.js", "node_modules/keep/x.js", false)]
    [TestCase("build\n!build/**", "build", true)]
    [TestCase("build\n!build/**", "build/x/y", true)]
    [TestCase("build\n!build/**", "other", false)]
    [TestCase("b*\n!b**", "bin/x", true)]
    [TestCase("*\n!src/*.cs", "src", true)]
    [TestCase("*\n!src/*.cs", "src/sub", false)]
    [TestCase("*\n!src/*.cs", "docs", false)]
    [TestCase("*\n![a-c]*/keep", "b1", true)]
    [TestCase("*\n![a-c]*/keep", "d1", false)]
    [TestCase("*\n!^[a-c]*/keep", "b1", true)]
    [TestCase("*\n!x/^[a-c]*", "x", false)]
    [TestCase("logs\n!**keep", "logs/deep", true)]
    [TestCase("**\n!**/*.csproj", "src/App", true)]
    [TestCase("**\n!src", "src/gen", false)]
    public void MayReincludeUnder(string text, string directory, bool expected)
    {
        Assert.That(DockerIgnore.Parse(text, ".dockerignore").MayReincludeUnder(directory), Is.EqualTo(expected));
    }

    /// <summary>
    /// The promise a walker relies on: below an excluded directory for which MayReincludeUnder is false, every path
    /// is excluded. Checked over many generated pattern lists and paths.
    /// </summary>
    [Test]
    public void MayReincludeUnderNeverHidesAReincludedPath()
    {
        string[] pieces = ["a", "b", "ab", "*", "?", "**", "[ab]", "[^a]", "a*", "*b"];
        string[] names = ["a", "b", "ab", "ba", "c"];
        var random = new Random(1234);
        string Pick(string[] items) => items[random.Next(items.Length)];
        string MakePath(string[] parts, int depth) =>
            string.Join('/', Enumerable.Range(0, depth).Select(_ => Pick(parts)));

        var paths = new List<string>();
        for (int depth = 1; depth <= 3; depth++)
        {
            for (int i = 0; i < 40; i++)
            {
                paths.Add(MakePath(names, depth));
            }
        }

        for (int round = 0; round < 300; round++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 5))
                .Select(_ => (random.Next(3) == 0 ? "!" : "") + MakePath(pieces, random.Next(1, 4)))
                .ToList();
            if (lines.Any(line => line == "!"))
            {
                continue;
            }

            var ignore = DockerIgnore.Parse(string.Join('\n', lines), ".dockerignore");
            foreach (string directory in paths.Where(path => ignore.IsExcluded(path) && !ignore.MayReincludeUnder(path)))
            {
                foreach (string below in paths.Select(path => directory + "/" + path))
                {
                    Assert.That(ignore.IsExcluded(below), Is.True, $"[{string.Join(", ", lines)}]: '{below}' is re-included below '{directory}'");
                }
            }
        }
    }
}
