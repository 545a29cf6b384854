using MultiStage.Sdk.Pipeline;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Pipeline;

/// <summary>What the pipeline decides before it reaches an engine; tests with a real engine are in the integration tests.</summary>
public class ImagePipelineTests
{
    /// <summary>An address nothing listens on: a check that runs before the engine is called fails with its own code, not MSTAGE3001.</summary>
    private const string NoEngine = "tcp://127.0.0.1:9";

    private static ImageBuildSettings Settings(TempProject project, string dockerfile, string? target = null, string? sizeLimit = null)
    {
        var dockerfilePath = project.Write("obj/Dockerfile", dockerfile);
        var planPath = Path.Combine(project.Directory, "obj", BuildPlan.FileName);
        new BuildPlan { Stack = "dotnet", BuildFrom = "publish", Builder = "classic", Dockerfile = dockerfilePath, DockerIgnore = project.Write("obj/.dockerignore", "") }.Write(planPath);
        return new ImageBuildSettings { PlanPath = planPath, Tags = ["myapp:latest"], ProjectName = "myapp", Target = target, SizeLimit = sizeLimit, DockerHost = NoEngine };
    }

    /// <summary>The coded error the pipeline stops with (every settings here fail, at the latest at the engine that is not there).</summary>
    private static Diagnostic Failure(ImageBuildSettings settings) =>
        Assert.ThrowsAsync<MultiStageException>(() => ImagePipeline.BuildAsync(settings, new RecordingLog(), CancellationToken.None))!.Diagnostic;

    [Test]
    public void A_target_that_names_no_stage_is_MSTAGE1031_before_the_engine_is_called()
    {
        using var project = new TempProject();
        var settings = Settings(project, "FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final\nCOPY app/ ./\n", target: "builder");

        var error = Failure(settings);
        Assert.That(error.Code, Is.EqualTo("MSTAGE1031"));
        Assert.That(error.Message, Does.Contain("final").And.Contain("MultiStageBuildFrom=source"));
    }

    [Test]
    public void A_target_that_names_a_stage_goes_on_to_the_engine()
    {
        using var project = new TempProject();
        var settings = Settings(project, "FROM a AS builder\nFROM b AS final\n", target: "builder");

        Assert.That(Failure(settings).Code, Is.EqualTo("MSTAGE3001"));
    }

    [Test]
    public void A_size_limit_that_is_not_a_size_is_MSTAGE1021_before_the_engine_is_called()
    {
        using var project = new TempProject();
        var settings = Settings(project, "FROM a AS final\n", sizeLimit: "big");

        Assert.That(Failure(settings).Code, Is.EqualTo("MSTAGE1021"));
    }

    [TestCase("linux-x64", "amd64")]
    [TestCase("linux-musl-x64", "amd64")]
    [TestCase("linux-arm64", "arm64")]
    [TestCase("linux-musl-arm64", "arm64")]
    public void A_runtime_identifiers_architecture_is_named_as_the_engine_names_it(string rid, string architecture) =>
        Assert.That(ImagePipeline.ArchitectureOf(rid), Is.EqualTo(architecture));
}
