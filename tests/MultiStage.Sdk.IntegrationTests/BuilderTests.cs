using System.Net;
using System.Text.Json;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// MultiStageBuilder on this machine's Docker 20.10, whose BuildKit the package drives through the Engine API
/// (auto picks it here), against the classic builder: what each builds, renders and reports.
/// </summary>
[NonParallelizable]
public class BuilderTests
{
    private static int _copies;

    private static string BuilderOf(TestApp app)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(app.RenderedDirectory, "report.json")));
        return report.RootElement.GetProperty("builder").GetString()!;
    }

    [Test]
    public async Task A_users_dockerfile_with_a_cache_mount_and_an_unused_failing_stage_builds_with_buildkit_and_fails_with_classic()
    {
        var app = TestApp.FromSample("dotnet-console", $"builder-user-{++_copies}");
        await app.TestAsync(async () =>
        {
            File.WriteAllText(app.PathOf("Dockerfile"), """
                FROM multistage-standin/debian:12 AS unused
                RUN echo "this stage is not needed by the target" && exit 3

                FROM multistage-standin/debian:12 AS final
                RUN --mount=type=cache,target=/var/cache/probe echo cached > /var/cache/probe/x && cat /var/cache/probe/x
                COPY Program.cs /app/Program.cs
                """);
            string[] own = ["-p:MultiStageDockerfile=Dockerfile", "-p:MultiStageSmokeTest=false"];

            var buildKit = app.Publish([.. own, "-p:MultiStageBuilder=buildkit"]);
            Assert.That(buildKit.Succeeded, buildKit.ToString());
            Assert.That(BuilderOf(app), Is.EqualTo("buildkit"));
            Assert.That(buildKit.Output, Does.Not.Contain("this stage is not needed"), "BuildKit ran a stage the target does not need");
            var files = await ImageFiles.ReadAsync(app.Reference);
            Assert.That(files.Contains("app/Program.cs"), Is.True);
            Assert.That(files.Contains("var/cache/probe/x"), Is.False, "a cache mount's content reached the image");

            await Engine.RemoveImageAsync(app.Reference);
            var classic = app.Publish([.. own, "-p:MultiStageBuilder=classic"]);
            Assert.That(classic.Succeeded, Is.False, "the classic builder runs every stage, and the unused one fails");
            // It refuses RUN --mount, or runs the unused stage's failing step first: either way, the file cannot build there.
            Assert.That(classic.Output, Does.Contain("error MSTAGE4001").And.Match("requires BuildKit|non-zero code: 3"));
            Assert.That(await Engine.ExistsAsync(app.Reference), Is.False);
        });
    }

    [Test]
    public async Task The_node_sample_renders_cache_mounts_for_buildkit_and_none_for_classic_and_both_images_answer_with_the_same_files()
    {
        var app = TestApp.FromSample("node-express", $"builder-node-{++_copies}");
        await app.TestAsync(async () =>
        {
            var buildKit = app.Publish();
            Assert.That(buildKit.Succeeded, buildKit.ToString());
            Assert.That(BuilderOf(app), Is.EqualTo("buildkit"), "auto on a Docker engine for Linux containers");
            var rendered = File.ReadAllText(app.RenderedDockerfile);
            Assert.That(rendered, Does.Contain("--mount=type=cache,id=npm,target=/root/.npm").And.Contain("# For BuildKit"));
            var answer = await HttpProbe.GetAsync(app.Reference, port => [$"PORT={port}"]);
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Logs);
            var buildKitFiles = (await ImageFiles.ReadAsync(app.Reference)).Under("app");

            await Engine.RemoveImageAsync(app.Reference);
            var classic = app.Publish(["-p:MultiStageBuilder=classic"]);
            Assert.That(classic.Succeeded, classic.ToString());
            Assert.That(BuilderOf(app), Is.EqualTo("classic"));
            Assert.That(File.ReadAllText(app.RenderedDockerfile), Does.Not.Contain("--mount"));
            var again = await HttpProbe.GetAsync(app.Reference, port => [$"PORT={port}"]);
            Assert.That((again.Status, again.Body), Is.EqualTo((answer.Status, answer.Body)), again.Logs);
            Assert.That((await ImageFiles.ReadAsync(app.Reference)).Under("app"), Is.EqualTo(buildKitFiles), "the builders' images differ in /app");
        });
    }

    [Test]
    public async Task A_publish_needs_no_docker_cli_on_the_path()
    {
        var app = TestApp.FromSample("dotnet-console", $"builder-nocli-{++_copies}");
        await app.TestAsync(async () =>
        {
            // A PATH with the .NET CLI alone: nothing named docker (or buildx) can be found.
            var bin = Path.Combine(app.Root, "bin-dotnet-only");
            Directory.CreateDirectory(bin);
            File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Environment.ProcessPath)!, "dotnet")));
            var result = app.Publish(["-p:MultiStageBuildFrom=source"], environment: new Dictionary<string, string> { ["PATH"] = bin });

            Assert.That(result.Succeeded, result.ToString());
            Assert.That(BuilderOf(app), Is.EqualTo("buildkit"));
            Assert.That(await Engine.ExistsAsync(app.Reference), Is.True);
        });
    }

    [Test]
    public void A_failing_step_with_the_classic_builder_is_MSTAGE4001_at_its_line_as_with_buildkit()
    {
        // BadInputTests fail a step under auto (BuildKit here); the same failure on the classic builder.
        var app = TestApp.FromSample("dotnet-console", $"builder-fail-{++_copies}");
        var result = app.Publish(["-p:MultiStageBuildFrom=source", "-p:ContainerBuilderImage=multistage-standin/debian:12", "-p:MultiStageBuilder=classic"]);

        Assert.That(result.Succeeded, Is.False);
        var rendered = File.ReadAllLines(app.RenderedDockerfile);
        Assert.That(rendered, Has.None.Contains("--mount"));
        var restoreLine = Array.FindIndex(rendered, l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal)) + 1;
        Assert.That(result.Output, Does.Contain($"{app.RenderedDockerfile}({restoreLine}): error MSTAGE4001").And.Contain("returned a non-zero code: 127"));
    }
}
