namespace MultiStage.Sdk.Engine;

/// <summary>A stage of a build, as its FROM step line and the ids after it told it.</summary>
/// <param name="Name">The stage's name (<c>AS name</c>), else its index.</param>
/// <param name="From">The image the stage starts from, as the FROM line names it (<c>scratch</c>, another stage, an image reference; Podman's line has build arguments expanded).</param>
/// <param name="BaseImageId">The short id the engine printed for the FROM step: the base image; null for <c>scratch</c>, and on Podman, which prints none.</param>
/// <param name="ImageId">The short id of the last image the stage produced; null until it produced one.</param>
public sealed record BuildStage(string Name, string From, string? BaseImageId = null, string? ImageId = null)
{
    /// <summary>Reads a FROM step's arguments, <c>[--platform=…] image [AS name]</c>; <paramref name="index"/> names an unnamed stage.</summary>
    internal static BuildStage FromStep(string arguments, int index)
    {
        var (image, name) = DockerfileSteps.ParseFrom(arguments);
        return new BuildStage(name ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture), image);
    }

    /// <summary>Returns whether this stage ended with <paramref name="imageId"/> (a full <c>sha256:…</c> id or a short one).</summary>
    internal bool EndedWith(string imageId) =>
        ImageId is { Length: > 0 } id && (imageId.StartsWith($"sha256:{id}", StringComparison.Ordinal) || imageId.StartsWith(id, StringComparison.Ordinal));
}
