using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Engine.BuildKit;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Engine;

/// <summary>BuildKit's build stream, as the engine sends it: JSON lines whose trace is a base64 protobuf StatusResponse.</summary>
public class BuildKitProgressTests
{
    private const string Dockerfile = """
        FROM node:20 AS builder
        WORKDIR /app
        ENV CI=true
        COPY package.json ./
        RUN npm ci
        RUN npm run build

        FROM node:20-slim AS final
        USER node
        COPY --from=builder /app/dist ./dist
        """;

    private static readonly IReadOnlyList<DockerfileStep> Steps = DockerfileSteps.Parse(Dockerfile);

    private static Timestamp Now => Timestamp.FromDateTime(DateTime.UtcNow);

    /// <summary>The JSON line the engine sends for a status message.</summary>
    private static JsonElement Trace(StatusResponse status) =>
        JsonDocument.Parse(JsonSerializer.Serialize(new { id = "moby.buildkit.trace", aux = Convert.ToBase64String(status.ToByteArray()) })).RootElement;

    private static StatusResponse Started(string digest, string name, bool cached = false) =>
        new() { Vertexes = { new Vertex { Digest = digest, Name = name, Started = Now, Cached = cached } } };

    private static StatusResponse Logged(string digest, string text) =>
        new() { Logs = { new VertexLog { Vertex = digest, Stream = 1, Msg = ByteString.CopyFromUtf8(text), Timestamp = Now } } };

    [Test]
    public void Vertexes_are_the_dockerfiles_steps_counted_as_buildkit_counts_them_and_cached_ones_are_marked()
    {
        var log = new RecordingLog();
        var progress = new BuildKitProgress(log, null, Steps);
        progress.Report(Trace(Started("sha256:a", "[internal] load metadata for docker.io/library/node:20")));
        // [builder 4/5]: FROM, WORKDIR, COPY, RUN — the ENV makes no vertex, so this is the Dockerfile's step 5.
        progress.Report(Trace(Started("sha256:b", "[builder 4/5] RUN npm ci", cached: true)));
        progress.Report(Trace(Started("sha256:c", "[final 2/2] COPY --from=builder /app/dist ./dist")));
        progress.Complete();

        Assert.That(log.Summaries, Is.EqualTo(new[] { "Step 5/9 : RUN npm ci", " ---> Using cache", "Step 9/9 : COPY --from=builder /app/dist ./dist" }));
        Assert.That(progress.CachedSteps, Is.EqualTo(new[] { 5 }));
        Assert.That(progress.Stages.Select(s => (s.Name, s.From)), Is.EqualTo(new[] { ("builder", "node:20"), ("final", "node:20-slim") }));
    }

    [Test]
    public void A_failing_vertex_is_the_failure_with_its_own_output_not_a_parallel_steps()
    {
        var log = new RecordingLog();
        var progress = new BuildKitProgress(log, null, Steps);
        progress.Report(Trace(Started("sha256:install", "[builder 4/5] RUN npm ci")));
        progress.Report(Trace(Started("sha256:other", "[final 2/2] COPY --from=builder /app/dist ./dist")));
        progress.Report(Trace(Logged("sha256:install", "npm ERR! code E404\nnpm ERR! 404 Not Found - left-pad\n")));
        progress.Report(Trace(Logged("sha256:other", "unrelated\n")));
        progress.Report(Trace(new StatusResponse { Vertexes = { new Vertex { Digest = "sha256:install", Name = "[builder 4/5] RUN npm ci", Error = "executor failed running [/bin/sh -c npm ci]: exit code: 1" } } }));
        progress.Report(JsonDocument.Parse("""{"errorDetail":{"message":"later"},"error":"later"}""").RootElement);

        Assert.That(progress.Error, Is.EqualTo("executor failed running [/bin/sh -c npm ci]: exit code: 1"));
        Assert.That(progress.CurrentStep, Is.EqualTo(5));
        Assert.That(progress.StepOutput, Is.EqualTo(new[] { "npm ERR! code E404", "npm ERR! 404 Not Found - left-pad" }));
        Assert.That(log.Lines, Does.Contain("unrelated"));
    }

    [Test]
    public void Output_lines_are_plain_text_coded_lines_are_read_and_compiler_errors_map_to_this_machine()
    {
        var log = new RecordingLog();
        var progress = new BuildKitProgress(log, new BuilderPaths("/src", "/home/me/shop"), DockerfileSteps.Parse("FROM sdk\nRUN dotnet publish\n"));
        progress.Report(Trace(Started("sha256:p", "[2/2] RUN dotnet publish")));
        // A line split over two messages, with a colour code; then a coded line; then a compiler error without its newline.
        progress.Report(Trace(Logged("sha256:p", "\u001b[32mRestor")));
        progress.Report(Trace(Logged("sha256:p", "ed\u001b[0m\nMSTAGE1031: Native AOT needs clang\n")));
        progress.Report(Trace(Logged("sha256:p", "/src/Lib/Foo.cs(12,5): error CS1002: ; expected [/src/Lib/Lib.csproj]")));
        progress.Complete();

        Assert.That(log.Summaries, Is.EqualTo(new[] { "Step 2/2 : RUN dotnet publish" }));
        Assert.That(log.Lines, Does.Contain("Restored"));
        Assert.That(progress.Reported, Is.EqualTo((2, "MSTAGE1031", "Native AOT needs clang")));
        Assert.That(log.Errors, Is.EqualTo(new[] { new Diagnostic("CS1002", "; expected", "/home/me/shop/Lib/Foo.cs", 12, 5) }));
    }

    [Test]
    public void The_image_id_comes_from_its_own_message_and_stages_without_a_name_are_buildkits_stage_n()
    {
        var progress = new BuildKitProgress(new RecordingLog(), null, DockerfileSteps.Parse("FROM a\nRUN x\nFROM b\nCOPY --from=0 /x /x\n"));
        progress.Report(Trace(Started("sha256:x", "[stage-0 2/2] RUN x")));
        progress.Report(Trace(Started("sha256:y", "[stage-1 2/2] COPY --from=0 /x /x")));
        progress.Report(JsonDocument.Parse("""{"id":"moby.image.id","aux":{"ID":"sha256:0123"}}""").RootElement);

        Assert.That(progress.ImageId, Is.EqualTo("sha256:0123"));
        Assert.That(progress.CurrentStep, Is.EqualTo(4));
        Assert.That(progress.Stages.Select(s => s.From), Is.EqualTo(new[] { "a", "b" }));
    }

    [TestCase("classic", ExpectedResult = "classic")]
    [TestCase(" BuildKit ", ExpectedResult = "buildkit")]
    public Task<string> A_builder_that_is_set_is_used_without_asking_the_engine(string setting) =>
        Builders.ResolveAsync(setting, probe: true, dockerHost: "tcp://127.0.0.1:9", early: null, CancellationToken.None);

    [TestCase(EngineKind.Docker, "1.41", "linux", ExpectedResult = "buildkit")]
    [TestCase(EngineKind.Docker, "1.38", "linux", ExpectedResult = "classic")]
    [TestCase(EngineKind.Docker, "1.41", "windows", ExpectedResult = "classic")]
    [TestCase(EngineKind.Podman, "1.41", "linux", ExpectedResult = "classic")]
    public string Auto_is_buildkit_where_the_engine_offers_it(EngineKind kind, string api, string os) => Builders.Offered(kind, api, os);

    [Test]
    public async Task Auto_without_an_engine_to_ask_is_buildkit_and_an_unknown_value_is_MSTAGE1049()
    {
        Assert.That(await Builders.ResolveAsync("auto", probe: false, null, null, CancellationToken.None), Is.EqualTo("buildkit"));
        Assert.That(await Builders.ResolveAsync("", probe: true, "tcp://127.0.0.1:9", null, CancellationToken.None), Is.EqualTo("buildkit"), "an engine that does not answer");
        var e = Assert.ThrowsAsync<MultiStageException>(() => Builders.ResolveAsync("kaniko", probe: false, null, null, CancellationToken.None));
        Assert.That(e!.Diagnostic.Code, Is.EqualTo("MSTAGE1049"));
    }

    [Test]
    public async Task A_connection_started_early_to_an_engine_that_does_not_answer_reports_nothing_and_auto_is_buildkit()
    {
        using var early = EarlyConnection.Start("tcp://127.0.0.1:9", statePath: "/nonexistent/build-state.json");

        Assert.That(await early.FactsAsync(CancellationToken.None), Is.Null);
        Assert.That(await Builders.ResolveAsync("auto", probe: true, "tcp://127.0.0.1:9", early, CancellationToken.None), Is.EqualTo("buildkit"));
        Assert.That(EarlyConnection.KeyFor("tcp://127.0.0.1:9"), Is.Not.EqualTo(EarlyConnection.KeyFor(null)), "two engines share one connection");
    }
}
