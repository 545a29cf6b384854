using Microsoft.Build.Framework;
using MultiStage.Sdk.Engine;

namespace MultiStage.Sdk.Tasks;

/// <summary>Checks ContainerRepository and ContainerImageTag(s) and returns the references to tag, before any engine call.</summary>
public sealed class ResolveMultiStageImageNames : MultiStageTask
{
    /// <summary>Gets or sets the repository (ContainerRepository); empty is refused with a coded error, not MSBuild's.</summary>
    public string Repository { get; set; } = "";

    /// <summary>Gets or sets the single tag (ContainerImageTag).</summary>
    public string? Tag { get; set; }

    /// <summary>Gets or sets the tags (ContainerImageTags); when set, it wins over <see cref="Tag"/>.</summary>
    public string[]? Tags { get; set; }

    /// <summary>Gets or sets the registry to push to (ContainerRegistry), checked here so a typo fails before the build.</summary>
    public string? Registry { get; set; }

    /// <summary>Gets or sets ContainerImageName, SDK containers' old name of ContainerRepository: a warning names the new one.</summary>
    public string? LegacyImageName { get; set; }

    /// <summary>Gets or sets whether the repository was taken from <see cref="LegacyImageName"/> (ContainerRepository was not set).</summary>
    public bool RepositoryFromLegacyImageName { get; set; }

    /// <summary>Gets the full references, <c>repository:tag</c>, the first being the one reported.</summary>
    [Output]
    public string[] ImageReferences { get; private set; } = [];

    /// <inheritdoc />
    protected override Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        ImageReferences = [.. ImageNames.Resolve(Repository, Tag, Tags)];
        _ = ImageNames.Registry(Registry);
        if (NullIfBlank(LegacyImageName) is { } legacy)
        {
            LogDiagnostic(Log, Reporting.Diagnostics.LegacyImageName(legacy, RepositoryFromLegacyImageName ? null : Repository), error: false);
        }

        return Task.CompletedTask;
    }
}
