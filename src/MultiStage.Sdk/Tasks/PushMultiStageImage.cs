using Microsoft.Build.Framework;
using MultiStage.Sdk.Pipeline;

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

    /// <summary>Gets or sets MultiStageDockerHost: an engine address that overrides DOCKER_HOST and Docker contexts.</summary>
    public string? DockerHost { get; set; }

    /// <summary>Gets the pushed manifest's digest, <c>sha256:…</c>.</summary>
    [Output]
    public string ContainerImageDigest { get; private set; } = "";

    /// <summary>Gets the MultiStageImage items with metadata Registry, PushedReference (<c>registry/repository:tag@digest</c>) and Digest added.</summary>
    [Output]
    public ITaskItem[] PushedImages { get; private set; } = [];

    /// <inheritdoc />
    protected override async Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var pushed = await ImagePipeline.PushAsync(Registry, ImageId, ImageReferences, ProjectName, NullIfBlank(ReportPath), NullIfBlank(DockerHost), new TaskBuildLog(Log), cancellationToken).ConfigureAwait(false);
        ContainerImageDigest = pushed.Digest;
        PushedImages = [.. Images.Select(image => ReportItems.Pushed(image, pushed))];
    }
}
