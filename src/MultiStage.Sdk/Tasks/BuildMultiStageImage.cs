using Microsoft.Build.Framework;

using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tasks;

/// <summary>Builds the rendered Dockerfile on the Docker engine and reports the image and its size.</summary>
public sealed class BuildMultiStageImage : MultiStageTask
{
    /// <summary>Gets or sets the rendered Dockerfile.</summary>
    [Required]
    public string DockerfilePath { get; set; } = "";

    /// <summary>Gets or sets the rendered .dockerignore.</summary>
    [Required]
    public string DockerIgnorePath { get; set; } = "";

    /// <summary>Gets or sets the build context's root folder.</summary>
    [Required]
    public string ContextDirectory { get; set; } = "";

    /// <summary>Gets or sets the plan's own files for the context's .multistage/ folder (from the render).</summary>
    public string[] ContextFiles { get; set; } = [];

    /// <summary>Gets or sets where the builder stage puts the context (from the render), so compiler errors it prints point at this machine's files.</summary>
    public string? BuilderSourceRoot { get; set; }

    /// <summary>Gets or sets the references to tag the image with; the first is the one reported.</summary>
    [Required]
    public string[] ImageReferences { get; set; } = [];

    /// <summary>Gets or sets the project's name, for the summary line.</summary>
    public string ProjectName { get; set; } = "";

    /// <summary>Gets or sets the stage to build up to (MultiStageTarget).</summary>
    public string? Target { get; set; }

    /// <summary>Gets or sets the ContainerBuildArg items (Include: name; metadata Value).</summary>
    public ITaskItem[] BuildArgs { get; set; } = [];

    /// <summary>Gets or sets where the JSON report is written.</summary>
    public string? ReportPath { get; set; }

    /// <summary>Gets or sets where the fingerprint of the last build is kept; empty: every publish builds.</summary>
    public string? StatePath { get; set; }

    /// <summary>Gets or sets ContainerImageSizeLimit: bytes, or a size such as 150MB, 1.2GB or 512MiB; an image over it fails the build (MSTAGE5001) and stays tagged.</summary>
    public string? SizeLimit { get; set; }

    /// <summary>Gets or sets this package's own .nupkg (MultiStageToolPackage), the builder's restore feed.</summary>
    public string? ToolPackage { get; set; }

    /// <summary>Gets or sets MultiStageDockerHost: the engine's address (tcp://host:port, unix:///path), overriding DOCKER_HOST and the Docker context.</summary>
    public string? DockerHost { get; set; }

    /// <summary>Gets the built image's id.</summary>
    [Output]
    public string ContainerImageId { get; private set; } = "";

    /// <summary>Gets the built image's size in bytes, as the engine reports it.</summary>
    [Output]
    public long ContainerImageSize { get; private set; }

    /// <summary>Gets one item per reference, with metadata ImageId, Size, BaseImage, BaseSize, AddedSize, BuilderStage, BuilderSize, PercentSmaller.</summary>
    [Output]
    public ITaskItem[] Images { get; private set; } = [];

    /// <summary>Gets one item per layer the build added, in build order, with metadata Image, Index, Size, Instruction.</summary>
    [Output]
    public ITaskItem[] Layers { get; private set; } = [];

    /// <inheritdoc />
    protected override async Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var log = new TaskBuildLog(Log);
        var limit = SizeBudget.Parse(SizeLimit);
        using var engine = await DockerEngine.ConnectAsync(DockerHost, cancellationToken).ConfigureAwait(false);
        log.Summary($"Building {ImageReferences[0]} on {engine.Endpoint} (from {engine.Resolved.Origin}; {engine.Description})");
        var request = new BuildRequest
        {
            DockerfilePath = DockerfilePath,
            DockerIgnorePath = DockerIgnorePath,
            ContextDirectory = ContextDirectory,
            Tags = ImageReferences,
            Target = Target,
            ContextFiles = ContextFiles,
            BuilderSourceRoot = string.IsNullOrWhiteSpace(BuilderSourceRoot) ? null : BuilderSourceRoot,
            ToolPackage = string.IsNullOrWhiteSpace(ToolPackage) ? null : ToolPackage,
            // An argument given twice takes its last value, as --build-arg does.
            BuildArgs = BuildArgs.GroupBy(a => a.ItemSpec.Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().GetMetadata("Value")),
        };

        var fingerprint = string.IsNullOrEmpty(StatePath) ? null : await BuildState.FingerprintAsync(request, cancellationToken).ConfigureAwait(false);
        var (existing, whyNot) = fingerprint is null ? (null, null)
            : await BuildState.FindUpToDateAsync(StatePath!, ReportPath, fingerprint, engine, ImageReferences, cancellationToken).ConfigureAwait(false);
        if (whyNot is not null)
        {
            Log.LogMessage(MessageImportance.Normal, "Building the image: {0}.", whyNot);
        }

        if (existing is not null)
        {
            log.Summary($"{ImageReferences[0]} is up to date ({ByteSize.Format(existing.Size)}): the Dockerfile, the context and the build settings are unchanged since it was built, so the image build was skipped.");
            // The last publish's push is history: this publish's push, if any, writes its own.
            if (existing.Pushed is not null)
            {
                existing = existing with { Pushed = null };
                ReportFile.Write(ReportPath!, existing);
            }

            Report(existing, log, limit);
            return;
        }

        var result = await ImageBuild.RunAsync(engine, request, log, cancellationToken).ConfigureAwait(false);
        var report = await ImageSizes.MeasureAsync(engine, ProjectName, ImageReferences, result, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(ReportPath))
        {
            ReportFile.Write(ReportPath, report);
            if (fingerprint is not null)
            {
                new BuildState(fingerprint, report.ImageId).Write(StatePath!);
            }
        }

        Report(report, log, limit);
    }

    /// <summary>The outputs, the size table and the summary line of an image, built now or up to date; then its budget.</summary>
    private void Report(SizeReport report, TaskBuildLog log, long? limit)
    {
        ContainerImageId = report.ImageId;
        ContainerImageSize = report.Size;
        Images = ReportItems.Images(report);
        Layers = ReportItems.Layers(report);
        foreach (var line in SizeTable.Format(report))
        {
            log.Summary(line);
        }

        log.Summary(report.Summary);

        // Over the budget, the image stays tagged (the message says so): a user inspects it to see what to cut.
        if (SizeBudget.Check(report, limit) is { } overBudget)
        {
            throw new MultiStageException(overBudget);
        }
    }
}
