using Microsoft.Build.Framework;
using MultiStage.Sdk.Pipeline;

namespace MultiStage.Sdk.Tasks;

/// <summary>Builds the rendered plan's image on the Docker engine (or finds it up to date) and reports the image and its size.</summary>
public sealed class BuildMultiStageImage : MultiStageTask
{
    /// <summary>Gets or sets the plan.json the render wrote.</summary>
    [Required]
    public string PlanPath { get; set; } = "";

    /// <summary>Gets or sets the references to tag the image with; the first is the one reported.</summary>
    [Required]
    public string[] ImageReferences { get; set; } = [];

    /// <summary>Gets or sets the project's name, for the summary line.</summary>
    public string ProjectName { get; set; } = "";

    /// <summary>Gets or sets the stage to build up to (MultiStageTarget).</summary>
    public string? Target { get; set; }

    /// <summary>Gets or sets the ContainerBuildArg items (Include: name; metadata Value, else the environment variable of that name).</summary>
    public ITaskItem[] BuildArgs { get; set; } = [];

    /// <summary>Gets or sets where the JSON report is written.</summary>
    public string? ReportPath { get; set; }

    /// <summary>Gets or sets where the fingerprint of the last build is kept; empty: every publish builds.</summary>
    public string? StatePath { get; set; }

    /// <summary>Gets or sets ContainerImageSizeLimit: bytes, or a size such as 150MB, 1.2GB or 512MiB; an image over it fails the build (MSTAGE5001) and stays tagged.</summary>
    public string? SizeLimit { get; set; }

    /// <summary>Gets or sets MultiStageDockerHost: the engine's address (tcp://host:port, unix:///path), overriding DOCKER_HOST and the Docker context.</summary>
    public string? DockerHost { get; set; }

    /// <summary>Gets or sets MultiStageBuildNetwork: the network RUN steps use (host, none, a network's name); empty for the engine's default.</summary>
    public string? BuildNetwork { get; set; }

    /// <summary>Gets or sets MultiStageSmokeTest: run the built image for a few seconds and fail the build when it exits with an error.</summary>
    public bool SmokeTest { get; set; }

    /// <summary>Gets or sets MultiStageSmokeTestSeconds: how long the smoke check lets the app run; empty for the default.</summary>
    public string? SmokeTestSeconds { get; set; }

    /// <summary>Gets or sets MultiStageSmokeTestNetwork: <c>none</c> (the default: loopback only) or <c>host</c>.</summary>
    public string? SmokeTestNetwork { get; set; }

    /// <summary>Gets the built image's id.</summary>
    [Output]
    public string ContainerImageId { get; private set; } = "";

    /// <summary>Gets the built image's size in bytes, as the engine reports it.</summary>
    [Output]
    public long ContainerImageSize { get; private set; }

    /// <summary>Gets one item per reference, with metadata ImageId, Size, BaseImage, BaseSize, AddedSize, BuilderStage, BuilderSize, PercentSmaller, BuildFrom.</summary>
    [Output]
    public ITaskItem[] Images { get; private set; } = [];

    /// <summary>Gets one item per layer the build added, in build order, with metadata Image, Index, Size, Instruction.</summary>
    [Output]
    public ITaskItem[] Layers { get; private set; } = [];

    /// <inheritdoc />
    protected override async Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var settings = new ImageBuildSettings
        {
            PlanPath = PlanPath,
            Tags = ImageReferences,
            ProjectName = ProjectName,
            Target = NullIfBlank(Target),
            BuildArgs = BuildArguments.Resolve(BuildArgs.Select(a => (a.ItemSpec, (string?)a.GetMetadata("Value"))), Environment.GetEnvironmentVariable),
            ReportPath = NullIfBlank(ReportPath),
            StatePath = NullIfBlank(StatePath),
            SizeLimit = NullIfBlank(SizeLimit),
            DockerHost = NullIfBlank(DockerHost),
            BuildNetwork = NullIfBlank(BuildNetwork)?.Trim(),
            SmokeTestSeconds = SmokeTest ? SmokeSettings.Seconds(SmokeTestSeconds) : null,
            SmokeTestNetwork = SmokeSettings.Network(SmokeTestNetwork),
        };
        var report = await ImagePipeline.BuildAsync(settings, new TaskBuildLog(Log), cancellationToken).ConfigureAwait(false);
        (ContainerImageId, ContainerImageSize) = (report.ImageId, report.Size);
        Images = ReportItems.Images(report);
        Layers = ReportItems.Layers(report);
    }
}
