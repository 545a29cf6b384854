using MultiStage.Sdk.Context;

namespace MultiStage.Sdk.Tests.Context;

/// <summary>
/// Which paths a .dockerignore leaves out, case by case. Each case is what Docker's own matcher
/// (moby/patternmatcher, MatchesOrParentMatches) answers for it, quirks included.
/// </summary>
[TestFixture]
public class DockerIgnoreMatchTests
{
    // "**" on its own, or with a trailing slash (cleaned away), matches everything.
    [TestCase("**", "notes.txt", true)]
    [TestCase("**", "src/app/main.c", true)]
    [TestCase("**/", "notes.txt", true)]
    [TestCase("**/", "src/app/", true)]
    [TestCase("**/**", "src/app/main.c", true)]
    // A trailing "**" after literal text: the path must start with that text.
    [TestCase("build/**", "build/out.o", true)]
    [TestCase("build/**", "build/obj/x/y.o", true)]
    [TestCase("build/**", "build", false)]
    [TestCase("build/**", "builder/out.o", false)]
    [TestCase("tmp**", "tmpfile", true)]
    [TestCase("tmp**", "tmp/a/b", true)]
    // A leading "**" before literal text: the path must end with that text.
    [TestCase("**/logs", "logs", true)]
    [TestCase("**/logs", "var/app/logs", true)]
    [TestCase("**/logs", "var/logs/today.log", true)]
    [TestCase("**/logs", "var/catalogs", false)]
    [TestCase("**/a/b", "a/b", true)]
    [TestCase("**/a/b", "z/y/a/b", true)]
    [TestCase("**/a/b", "za/b", false)]
    [TestCase("**/.env", ".env", true)]
    [TestCase("**/.env", "app/.env", true)]
    [TestCase("**/.env", "app.env", false)]
    [TestCase("**.log", "deep/dir/x.log", true)]
    [TestCase("**log", "catalog", true)] // a plain suffix test, not a segment boundary
    // "**" with wildcards around it: any number of whole segments, even none.
    [TestCase("**/cache/*", "a/cache/blob", true)]
    [TestCase("**/cache/*", "cache/blob", true)]
    [TestCase("**/cache/*", "a/cache", false)]
    [TestCase("**/cache/**", "a/b/cache/c/d", true)]
    [TestCase("**/*.md", "README.md", true)]
    [TestCase("**/*.md", "docs/api/index.md", true)]
    [TestCase("**/*.md", "docs/api/index.mdx", false)]
    [TestCase("**/**/*.md", "README.md", true)]
    [TestCase("**/**/*.md2", "docs/README.md", false)]
    [TestCase("**/page*", "site/a/page7.html", true)]
    [TestCase("**/page*html", "site/a/page7.html", true)]
    [TestCase("docs/**/*.md", "docs/a.md", true)]
    [TestCase("docs/**/*.md", "docs/x/y/a.md", true)]
    [TestCase("docs/**/*.md", "docsa.md", false)]
    [TestCase("a**/*.txt", "a/f.txt", true)]
    [TestCase("a**/*.txt", "a/x/y/f.txt", true)]
    [TestCase("a**b", "ab", true)]
    [TestCase("a**b", "ax/b", true)]
    [TestCase("a**b", "axb", false)] // inside a name "**" still ends at a '/'
    [TestCase("src/*.txt**", "src/a.txt", true)]
    [TestCase("src/*.txt**", "src/a.txt.bak", true)]
    // "*" is any run of characters but '/'; a match on a parent directory excludes everything below it.
    [TestCase("*", "anything", true)]
    [TestCase("*", "dir/file", true)]
    [TestCase("*.go", "main.go", true)]
    [TestCase("*.go", "cmd/main.go", false)]
    [TestCase("src/*.go", "src/main.go", true)]
    [TestCase("src/*.go", "src/pkg/main.go", false)]
    [TestCase("a*/b", "abc/b", true)]
    [TestCase("a*/b", "a/c/b", false)]
    [TestCase("a*b*c*/d", "axbycz/d", true)]
    [TestCase("a*b*c*/d", "axby/cz/d", false)]
    [TestCase("a*", "ab/c", true)]
    [TestCase("*x", "xxx", true)]
    [TestCase("q*z?w*", "qzzwzz", true)]
    [TestCase("q*z?w*", "qzw", false)]
    // "?" is one character (one Unicode scalar) but '/'.
    [TestCase("file?.txt", "file1.txt", true)]
    [TestCase("file?.txt", "file.txt", false)]
    [TestCase("file?.txt", "file12.txt", false)]
    [TestCase("a?b", "a/b", false)]
    [TestCase("a?b", "a☺b", true)]
    [TestCase("a?b", "a😀b", true)]
    [TestCase("a??b", "a😀b", false)]
    // Character classes: members, ranges, '^' negation, escapes.
    [TestCase("v[0-9].txt", "v7.txt", true)]
    [TestCase("v[0-9].txt", "vx.txt", false)]
    [TestCase("v[a-cx].txt", "vx.txt", true)]
    [TestCase("v[^0-9]", "vx", true)]
    [TestCase("v[^0-9]", "v3", false)]
    [TestCase("x[^a]y", "x/y", true)] // a negated class also matches '/'
    [TestCase("[!a]b", "!b", true)] // '!' is a plain member, not a negation
    [TestCase("[!a]b", "cb", false)]
    [TestCase("[\\]a]", "]", true)]
    [TestCase("[\\-x]", "-", true)]
    [TestCase("[x\\-]", "x", true)]
    [TestCase("[x\\-]", "z", false)]
    [TestCase("[a-ζ]*", "α", true)]
    [TestCase("*[a-ζ]", "A", false)]
    [TestCase("[[]x", "[x", true)]
    [TestCase("a[/]b", "a/b", true)]
    [TestCase("a[.]b", "a.b", true)]
    [TestCase("a[.]b", "axb", false)]
    // Everything else is literal, regular-expression characters included; '\' escapes.
    [TestCase(".*", ".hidden", true)]
    [TestCase(".*", "visible", false)]
    [TestCase("v1.0", "v1.0", true)]
    [TestCase("v1.0", "v1x0", false)]
    [TestCase("c++", "c++", true)]
    [TestCase("a(b)|c{d}$", "a(b)|c{d}$", true)]
    [TestCase("a(b)|c{d}$", "ab", false)]
    [TestCase("dist/app-1.2+build*.whl", "dist/app-1.2+build7.whl", true)]
    [TestCase("dist/app-1.2+build*.whl", "dist/app-1.22build7.whl", false)]
    [TestCase("\\*.cfg", "*.cfg", true)]
    [TestCase("\\*.cfg", "x.cfg", false)]
    [TestCase("back\\\\slash", "back\\slash", true)]
    [TestCase("\\#notes", "#notes", true)]
    [TestCase("a]", "a]", true)]
    [TestCase("a^b", "a^b", true)]
    [TestCase("a|b", "a|b", true)]
    [TestCase("**|x", "y|x", true)]
    [TestCase("a\\|*", "a|b", true)]
    [TestCase("*.{js,ts}", "x.{js,ts}", true)]
    [TestCase("*.{js,ts}", "x.js", false)]
    // In a pattern with wildcards, Docker's regular expression reads '^' as "start of path".
    [TestCase("a^b*", "a^bc", false)]
    [TestCase("^b*", "bc", true)]
    [TestCase("^b*", "^bc", false)]
    // Patterns are cleaned like paths; a leading '/' is the context root.
    [TestCase("/build", "build", true)]
    [TestCase("./src/../build/", "build/x", true)]
    [TestCase("a//b/.", "a/b", true)]
    [TestCase("docs", "docs/a/b.md", true)]
    [TestCase("docs", "docs.md", false)]
    [TestCase("docs/", "docs", true)]
    public void OnePattern(string pattern, string path, bool excluded)
    {
        var ignore = DockerIgnore.Parse(pattern, ".dockerignore");

        Assert.That(ignore.IsExcluded(path), Is.EqualTo(excluded), $"pattern '{pattern}', path '{path}'");
    }

    private static readonly object[] Lists =
    [
        new object[] { new[] { "*.md", "!README.md" }, "README.md", false },
        new object[] { new[] { "*.md", "!README.md" }, "CHANGES.md", true },
        new object[] { new[] { "!README.md", "*.md" }, "README.md", true },
        new object[] { new[] { "docs", "!docs/keep.md" }, "docs/keep.md", false },
        new object[] { new[] { "docs", "!docs/keep.md" }, "docs/other.md", true },
        new object[] { new[] { "docs/", "!docs/keep.md" }, "docs/keep.md", false },
        new object[] { new[] { "docs/*", "!docs/keep.md" }, "docs/keep.md", false },
        new object[] { new[] { "!docs/keep.md", "docs" }, "docs/keep.md", true },
        new object[] { new[] { "**", "!src" }, "src/deep/file.c", false },
        new object[] { new[] { "**", "!src", "src/gen" }, "src/gen/x.c", true },
        new object[] { new[] { "**", "!src", "src/gen" }, "src/main.c", false },
        new object[] { new[] { "**", "!**/*.csproj" }, "src/App/App.csproj", false },
        new object[] { new[] { "**", "!dist/app-1.2+b.whl" }, "dist/app-1.2+b.whl", false },
        new object[] { new[] { "**", "!dist/*.whl" }, "dist/app-1.2+b.whl", false },
        new object[] { new[] { "node_modules", "!node_modules/keep/**" }, "node_modules/keep/a.js", false },
        new object[] { new[] { "node_modules", "!node_modules/keep/**" }, "node_modules/keep", true },
        new object[] { new[] { "build", "!build/out", "build/out/tmp" }, "build/out/tmp/x", true },
        new object[] { new[] { "build", "!build/out", "build/out/tmp" }, "build/out/y", false },
        new object[] { new[] { "bin", "!bin" }, "bin/x", false },
    ];

    [TestCaseSource(nameof(Lists))]
    public void PatternList(string[] patterns, string path, bool excluded)
    {
        var ignore = DockerIgnore.Parse(string.Join('\n', patterns), ".dockerignore");

        Assert.That(ignore.IsExcluded(path), Is.EqualTo(excluded), $"patterns [{string.Join(", ", patterns)}], path '{path}'");
    }

    [TestCase(".")]
    [TestCase("")]
    [TestCase("./")]
    public void TheContextRootIsNeverExcluded(string root)
    {
        Assert.That(DockerIgnore.Parse("**\n*\n.", ".dockerignore").IsExcluded(root), Is.False);
    }

    [Test]
    public void PathsAreCleanedBeforeMatching()
    {
        var ignore = DockerIgnore.Parse("src/*.go", ".dockerignore");

        Assert.That(ignore.IsExcluded("./src//x/../main.go"), Is.True);
    }

    [Test]
    public void EmptyExcludesNothing()
    {
        Assert.That(DockerIgnore.Empty.IsExcluded("anything/at/all"), Is.False);
    }
}
