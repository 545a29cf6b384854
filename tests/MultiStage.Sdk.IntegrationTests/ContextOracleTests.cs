using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The docker CLI as oracle: the same tree with tricky names (spaces, unicode, dot-files, deep nesting,
/// empty folders, symlinks) and the same .dockerignore (with exceptions) reach the image identically
/// whether this package sends the context or the CLI's classic builder does.
/// </summary>
[NonParallelizable]
public class ContextOracleTests
{
    private const string Cases = "cases";

    private static readonly string[] Files =
    [
        "with space/file one.txt", "unicodé/ünï ✓.txt", ".hidden/config", ".hidden/.env.local", "deep/a/b/c/d/e/f/g/h.txt",
        "deep/a/b/keep.txt", "logs/keep.log", "logs/drop.log", "logs/notes.txt", "build/out.bin", "x.tmp", "deep/y.tmp",
        "escaped[1].txt", "q?mark.txt", "secrets/key.pem", "secrets/readme.md",
    ];

    private const string UserIgnore = """
        # The user's own rules; an exception brings a file back from an excluded folder.
        cases/logs/*.log
        !cases/logs/keep.log
        cases/build
        **/*.tmp
        cases/deep/**/g
        cases/escaped\[1\].txt
        cases/secrets
        !cases/secrets/readme.md
        """;

    [Test]
    public async Task This_package_and_the_docker_cli_send_the_same_files()
    {
        var app = TestApp.FromSample("node-web", "oracle");
        var cli = $"multistage-it/oracle-cli-{Path.GetFileName(IntegrationRun.Directory)[^6..]}:latest";
        try
        {
            WriteCases(app);
            File.WriteAllText(app.PathOf(".dockerignore"), UserIgnore.Replace("\r\n", "\n"));

            // The builder stage holds the context as sent (the final stage holds only what the app runs).
            var publish = app.Publish(["-p:MultiStageTarget=builder"]);
            Assert.That(publish.Succeeded, publish.ToString());

            // The oracle: a copy of the same folder, with the .dockerignore this package merged, built by the CLI.
            var oracle = Path.Combine(app.Root, "oracle");
            CopyTree(app.Directory, oracle);
            File.Copy(Path.Combine(app.RenderedDirectory, ".dockerignore"), Path.Combine(oracle, ".dockerignore"), overwrite: true);
            var (exitCode, output) = DockerCli.Build(oracle, cli, "FROM node:18-bookworm-slim\nWORKDIR /app\nCOPY . .\n");
            Assert.That(exitCode, Is.Zero, output);

            var ours = await CasesIn(app.Reference);
            var theirs = await CasesIn(cli);
            TestContext.Progress.WriteLine($"{theirs.Count} paths under {Cases}/ sent by the docker CLI");
            Assert.That(ours, Is.EquivalentTo(theirs), $"only ours: {string.Join(", ", ours.Except(theirs))}; only the CLI's: {string.Join(", ", theirs.Except(ours))}");
            Assert.That(theirs, Does.Contain($"app/{Cases}/logs/keep.log").And.Contain($"app/{Cases}/link-to-dir").And.Contain($"app/{Cases}/empty-dir").And.Not.Contain($"app/{Cases}/logs/drop.log"));
        }
        catch
        {
            app.KeepEvidence(TestContext.CurrentContext.Test.Name);
            throw;
        }
        finally
        {
            await Engine.RemoveImageAsync(app.Reference);
            await Engine.RemoveImageAsync(cli);
        }
    }

    [Test]
    public async Task A_users_own_Dockerfile_gets_exactly_the_context_the_docker_cli_sends()
    {
        var app = TestApp.FromSample("dotnet-console", "oracle-user-dockerfile");
        var cli = $"multistage-it/oracle-user-cli-{Path.GetFileName(IntegrationRun.Directory)[^6..]}:latest";
        try
        {
            WriteCases(app);
            // The user's rules; the Dockerfile they exclude is sent all the same (the engine reads it, then drops it), as the CLI does.
            File.WriteAllText(app.PathOf(".dockerignore"), UserIgnore.Replace("\r\n", "\n") + "\nobj\nbin\nDockerfile\n");
            File.WriteAllText(app.PathOf("Dockerfile"), "FROM mcr.microsoft.com/dotnet/runtime:10.0\nWORKDIR /ctx\nCOPY . .\nENTRYPOINT [\"ls\", \"/ctx\"]\n");

            // Against the CLI's classic builder, which drops what the rules exclude once it has read it; BuildKit, sent a
            // tar, drops nothing it read, so there a Dockerfile the rules exclude stays in the context (README, Builders).
            var publish = app.Publish(["-p:MultiStageDockerfile=Dockerfile", "-p:MultiStageBuilder=classic"]);
            Assert.That(publish.Succeeded, publish.ToString());
            var oracle = Path.Combine(app.Root, "oracle-user");
            CopyTree(app.Directory, oracle);
            foreach (var output in new[] { "bin", "obj" })
            {
                Directory.Delete(Path.Combine(oracle, output), recursive: true);
            }

            var (exitCode, cliOutput) = DockerCli.BuildFile(oracle, cli, "Dockerfile");
            Assert.That(exitCode, Is.Zero, cliOutput);

            var ours = await ImageFiles.ReadAsync(app.Reference, "ctx/.dockerignore");
            var theirs = await ImageFiles.ReadAsync(cli, "ctx/.dockerignore");
            List<string> Context(ImageFiles files) => [.. files.All.Where(f => f.Path.StartsWith("ctx/", StringComparison.Ordinal)).Select(f => f.Path).Order(StringComparer.Ordinal)];
            Assert.That(Context(ours), Is.EquivalentTo(Context(theirs)), $"only ours: {string.Join(", ", Context(ours).Except(Context(theirs)))}; only the CLI's: {string.Join(", ", Context(theirs).Except(Context(ours)))}");
            Assert.That(ours.TextOf("ctx/.dockerignore"), Is.EqualTo(theirs.TextOf("ctx/.dockerignore")).And.EqualTo(File.ReadAllText(app.PathOf(".dockerignore"))));
            Assert.That(Context(ours), Does.Contain("ctx/.dockerignore").And.Contain("ctx/cases/secrets/readme.md").And.Not.Contain("ctx/cases/secrets/key.pem").And.Not.Contain("ctx/Dockerfile"));
            Assert.That(Context(ours).Where(p => p.StartsWith("ctx/.multistage", StringComparison.Ordinal)), Is.Empty, "the package added its own files to a Dockerfile that does not use them");
        }
        catch
        {
            app.KeepEvidence(TestContext.CurrentContext.Test.Name);
            throw;
        }
        finally
        {
            await Engine.RemoveImageAsync(app.Reference);
            await Engine.RemoveImageAsync(cli);
        }
    }

    private static void WriteCases(TestApp app)
    {
        foreach (var file in Files)
        {
            var path = app.PathOf(Path.Combine(Cases, file));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file);
        }

        Directory.CreateDirectory(app.PathOf(Path.Combine(Cases, "empty-dir")));
        File.CreateSymbolicLink(app.PathOf(Path.Combine(Cases, "link-to-file")), "with space/file one.txt");
        File.CreateSymbolicLink(app.PathOf(Path.Combine(Cases, "link-to-dir")), "deep");
    }

    private static async Task<List<string>> CasesIn(string reference) =>
        (await ImageFiles.ReadAsync(reference)).All
            .Where(f => f.Path.StartsWith($"app/{Cases}/", StringComparison.Ordinal))
            .Select(f => f.Path)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo directory)
            {
                CopyTree(directory.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }
}
