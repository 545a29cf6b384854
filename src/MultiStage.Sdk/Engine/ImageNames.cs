using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>The references an image is tagged with, from ContainerRepository and ContainerImageTag(s), checked before any engine call.</summary>
public static class ImageNames
{
    /// <summary>
    /// Returns <c>repository:tag</c> for each tag: <paramref name="tags"/> (ContainerImageTags) when given,
    /// else <paramref name="tag"/> (ContainerImageTag), else <c>latest</c>.
    /// </summary>
    public static IReadOnlyList<string> Resolve(string repository, string? tag, IEnumerable<string>? tags)
    {
        var repo = repository.Trim();
        if (!ImageReference.IsValidRepository(repo) || repo.Length > 255)
        {
            throw new MultiStageException(Diagnostics.InvalidRepository(repository));
        }

        var chosen = tags?.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } list
            ? list
            : [string.IsNullOrWhiteSpace(tag) ? "latest" : tag.Trim()];

        var invalid = chosen.FirstOrDefault(t => !ImageReference.IsValidTag(t));
        return invalid is null
            ? chosen.Select(t => $"{repo}:{t}").ToList()
            : throw new MultiStageException(Diagnostics.InvalidTag(invalid));
    }

    /// <summary>Returns ContainerRegistry trimmed, or null when it is not set; throws MSTAGE5002 when it is not a registry host.</summary>
    public static string? Registry(string? registry) =>
        string.IsNullOrWhiteSpace(registry) ? null
        : ImageReference.IsValidRegistry(registry.Trim()) ? registry.Trim()
        : throw new MultiStageException(Diagnostics.InvalidRegistry(registry.Trim()));
}
