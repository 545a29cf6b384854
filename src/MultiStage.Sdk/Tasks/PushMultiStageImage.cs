using Microsoft.Build.Framework;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tasks;

/// <summary>Tags the built image for ContainerRegistry, pushes every tag through the engine, and reports the pushed digest.</summary>
public sealed class PushMultiStageImage : MultiStageTask
{
    /// <summary>Gets or sets the registry to push to (ContainerRegistry): host[:port].</summary>
    [Required]
    public string Registry { get; set; } = "";

    /// <summary>Gets or sets the built image's id (ContainerImageId).</summary>
    [Required]
    public string ImageId { get; set; } = "";

    /// <summary>Gets or sets the references the image was built with (<c>repository:tag</c>); each is pushed as <c>registry/repository:tag</c>.</summary>
    [Required]
    public string[] ImageReferences { get; set; } = [];

    /// <summary>Gets or sets the MultiStageImage items of the build, one per reference.</summary>
    public ITaskItem[] Images { get; set; } = [];

    /// <summary>Gets or sets the project's name, for the summary lines.</summary>
    public string ProjectName { get; set; } = "";

    /// <summary>Gets or sets the build's report.json, to which the push is added as <c>pushed</c>.</summary>
    public string? ReportPath { get; set; }

    /// <summary>Gets the pushed manifest's digest, <c>sha256:…</c>.</summary>
    [Output]
    public string ContainerImageDigest { get; private set; } = "";

    /// <summary>Gets the MultiStageImage items with metadata Registry, PushedReference (<c>registry/repository:tag@digest</c>) and Digest added.</summary>
    [Output]
    public ITaskItem[] PushedImages { get; private set; } = [];

    /// <summary>Gets or sets MultiStageDockerHost: an engine address that overrides DOCKER_HOST and Docker contexts.</summary>
    public string? DockerHost { get; set; }

    /// <inheritdoc />
    protected override async Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var log = new TaskBuildLog(Log);
        var registry = ImageNames.Registry(Registry) ?? throw new MultiStageException(Diagnostics.InvalidRegistry(Registry));
        var credentials = await CredentialLookup.FindAsync(registry, log, cancellationToken).ConfigureAwait(false);
        using var engine = await DockerEngine.ConnectAsync(string.IsNullOrWhiteSpace(DockerHost) ? null : DockerHost, cancellationToken).ConfigureAwait(false);
        log.Summary($"Pushing {string.Join(", ", ImageReferences)} to {registry} ({(credentials.IsEmpty ? "no credentials" : $"credentials from {credentials.Source}")})");

        var pushed = await ImagePush.RunAsync(engine, ImageId, registry, ImageReferences, credentials, log, cancellationToken).ConfigureAwait(false);
        ContainerImageDigest = pushed.Digest;
        PushedImages = [.. Images.Select(image => Pushed(image, registry, pushed.Digest))];
        if (!string.IsNullOrEmpty(ReportPath) && ReportFile.Read(ReportPath) is { } report)
        {
            ReportFile.Write(ReportPath, report with { Pushed = pushed });
        }

        foreach (var line in pushed.SummaryLines(ProjectName))
        {
            log.Summary(line);
        }
    }

    private static Microsoft.Build.Utilities.TaskItem Pushed(ITaskItem image, string registry, string digest)
    {
        var item = new Microsoft.Build.Utilities.TaskItem(image);
        item.SetMetadata("Registry", registry);
        item.SetMetadata("PushedReference", ReportItems.Escape($"{registry}/{image.ItemSpec}@{digest}"));
        item.SetMetadata("Digest", digest);
        return item;
    }
}
