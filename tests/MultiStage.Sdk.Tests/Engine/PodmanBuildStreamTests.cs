using System.Text.Json;
using Docker.DotNet.Models;
using MultiStage.Sdk.Engine;

namespace MultiStage.Sdk.Tests.Engine;

/// <summary>
/// Podman's build stream (4.3.1, Buildah 1.28, through the Docker-compatible API), replayed from real captures in
/// PodmanStreams/: steps counted per stage behind a <c>[i/n]</c> prefix, <c>--&gt; id</c> with 11 digits, no id
/// after FROM, <c>--&gt; Using cache &lt;full id&gt;</c>, a COMMIT line, and errors that repeat the step.
/// </summary>
public class PodmanBuildStreamTests
{
    /// <summary>The Dockerfile of the captures skip-*.jsonl and target.jsonl: stage "unused" is skipped by Podman.</summary>
    private const string SkipDockerfile = """
        FROM scratch AS unused
        COPY a.txt /u.txt

        FROM scratch AS one
        COPY a.txt /a.txt
        LABEL x=y

        FROM scratch AS two
        COPY --from=one /a.txt /b.txt
        ENV A=b
        """;

    [Test]
    public void Stages_are_numbered_as_in_the_dockerfile_when_podman_skips_an_unused_one()
    {
        var (progress, _) = Replay("skip-first.jsonl", DockerfileSteps.Parse(SkipDockerfile));

        Assert.That(progress.Stages, Is.EqualTo(new[]
        {
            new BuildStage("one", "scratch", ImageId: "b1a1e18a108"),
            new BuildStage("two", "scratch", ImageId: "e6e2f08a9a5"),
        }));
        Assert.That(progress.CurrentStep, Is.EqualTo(8), "ENV A=b is the Dockerfile's 8th step");
        Assert.That(progress.CachedSteps, Is.Empty);
        Assert.That(progress.ImageId, Is.EqualTo("sha256:e6e2f08a9a51e384b0cf7cc09c8ca1c68e8e32093450774557a88c4db080430f"));
    }

    [Test]
    public void Cached_steps_are_the_dockerfiles_step_numbers_and_the_cache_line_is_a_summary()
    {
        var (progress, log) = Replay("skip-cached.jsonl", DockerfileSteps.Parse(SkipDockerfile));

        Assert.That(progress.CachedSteps, Is.EqualTo(new[] { 4, 5, 7, 8 }));
        Assert.That(progress.Stages.Select(s => s.ImageId), Is.EqualTo(new[] { "b1a1e18a108", "e6e2f08a9a5" }));
        Assert.That(log.Summaries, Does.Contain("[2/3] STEP 2/3: COPY a.txt /a.txt"));
        Assert.That(log.Summaries, Does.Contain("--> Using cache c3ea9db2c2849bf6ed3533070b76cdfb8143d21429eba75611952a32af199ccf"));
        Assert.That(log.Summaries, Has.None.StartWith("[3/3] COMMIT"), "a commit is detail, not a step");
    }

    [Test]
    public void A_target_build_ends_with_the_commit_of_the_target_stage()
    {
        var (progress, _) = Replay("target.jsonl", DockerfileSteps.Parse(SkipDockerfile, "one"));

        Assert.That(progress.Stages, Has.Count.EqualTo(1));
        Assert.That(progress.Stages[0].EndedWith(progress.ImageId!), "the target stage ended with the built image");
        Assert.That(progress.CachedSteps, Is.EqualTo(new[] { 4, 5 }));
    }

    [Test]
    public void A_single_stage_build_has_no_stage_prefix()
    {
        var (progress, _) = Replay("single.jsonl", DockerfileSteps.Parse("FROM scratch\nCOPY a.txt /a.txt\n"));

        Assert.That(progress.Stages, Is.EqualTo(new[] { new BuildStage("0", "scratch", ImageId: "c3ea9db2c28") }));
        Assert.That(progress.CachedSteps, Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void A_failing_step_keeps_its_dockerfile_number_and_the_error_does_not_repeat_the_step()
    {
        var (progress, _) = Replay("fail-scratch.jsonl", DockerfileSteps.Parse("FROM scratch AS one\nCOPY a.txt /a.txt\nRUN false\n"));

        Assert.That(progress.CurrentStep, Is.EqualTo(3));
        Assert.That(progress.Error, Is.EqualTo("while running runtime: exit status 1"));
        Assert.That(progress.StepOutput.First(), Does.StartWith("error running container: "), "the step's output is kept to show again");
    }

    [Test]
    public void A_go_compiler_error_on_podman_is_at_the_go_build_line_of_the_rendered_dockerfile()
    {
        var dockerfile = File.ReadAllText(Capture("go-web-fail.Dockerfile"));
        var steps = DockerfileSteps.Parse(dockerfile);
        var (progress, _) = Replay("go-web-fail.jsonl", steps);

        var failing = steps.Single(s => s.Number == progress.CurrentStep);
        Assert.That(failing.Line, Is.EqualTo(11));
        Assert.That(failing.Text, Does.StartWith("RUN CGO_ENABLED=0 go build"));
        Assert.That(progress.Error, Is.EqualTo("while running runtime: exit status 2"));
        Assert.That(progress.StepOutput, Does.Contain("internal/greeting/greeting.go:8:14: syntax error: unexpected {, expecting )"));
        Assert.That(progress.CachedSteps, Is.EqualTo(new[] { 2, 3, 4 }));
    }

    [Test]
    public void Without_the_dockerfiles_steps_stages_are_taken_to_follow_each_other()
    {
        var (progress, _) = Replay("skip-cached.jsonl", steps: null);

        // Stage "one" is counted from 1, as if it were the first: the best the stream alone can say.
        Assert.That(progress.CachedSteps, Is.EqualTo(new[] { 2, 3, 5, 6 }));
    }

    [Test]
    public void Podmans_lines_mean_nothing_to_the_docker_reader_and_dockers_nothing_to_podmans()
    {
        Assert.That(BuildStreamLine.Parse("[1/2] STEP 1/3: FROM golang:1.19 AS builder", EngineKind.Docker).Kind, Is.EqualTo(BuildLineKind.Output));
        Assert.That(BuildStreamLine.Parse("--> 36e7db0c9d8", EngineKind.Docker).Kind, Is.EqualTo(BuildLineKind.Output));
        Assert.That(BuildStreamLine.Parse("Step 1/8 : FROM golang:1.19 AS builder", EngineKind.Podman).Kind, Is.EqualTo(BuildLineKind.Output));
        Assert.That(BuildStreamLine.Parse(" ---> Using cache", EngineKind.Podman).Kind, Is.EqualTo(BuildLineKind.Output));
    }

    [Test]
    public void An_error_that_names_another_step_is_kept_whole()
    {
        Assert.That(
            BuildStreamLine.ErrorText("building at STEP \"RUN make\": while running runtime: exit status 2", EngineKind.Podman, "RUN go build"),
            Is.EqualTo("building at STEP \"RUN make\": while running runtime: exit status 2"));
    }

    [Test]
    public void The_engine_kind_comes_from_the_version_components()
    {
        var podman = new VersionResponse
        {
            Version = "4.3.1",
            Components = [new ComponentVersion { Name = "Podman Engine", Version = "4.3.1" }, new ComponentVersion { Name = "Conmon", Version = "conmon version 2.1.6" }],
        };
        var docker = new VersionResponse { Version = "20.10.24+dfsg1", Components = [new ComponentVersion { Name = "Engine", Version = "20.10.24+dfsg1" }] };

        Assert.That(EngineKinds.FromVersion(podman), Is.EqualTo((EngineKind.Podman, "4.3.1")));
        Assert.That(EngineKinds.FromVersion(docker), Is.EqualTo((EngineKind.Docker, "20.10.24+dfsg1")));
        Assert.That(EngineKinds.FromVersion(new VersionResponse()), Is.EqualTo((EngineKind.Docker, "")));
    }

    /// <summary>Feeds a captured stream (one JSON message a line, as the engine sent it) to a Podman reader.</summary>
    private static (BuildProgress Progress, RecordingLog Log) Replay(string capture, IReadOnlyList<DockerfileStep>? steps)
    {
        var log = new RecordingLog();
        var progress = new BuildProgress(log, engine: EngineKind.Podman, steps: steps);
        foreach (var line in File.ReadLines(Capture(capture)))
        {
            progress.Report(Message(JsonDocument.Parse(line).RootElement));
        }

        progress.Complete();
        return (progress, log);
    }

    private static string Capture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Engine", "PodmanStreams", name);

    private static JSONMessage Message(JsonElement json) => new()
    {
        Stream = json.TryGetProperty("stream", out var stream) ? stream.GetString() : null,
        Error = json.TryGetProperty("error", out var error) ? new JSONError { Message = error.GetString() } : null,
        Aux = json.TryGetProperty("aux", out var aux)
            ? new ObjectExtensionData { ExtensionData = aux.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value.ToString()) }
            : null,
    };
}
