using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// The layers a build added, from the engine's image history (<c>docker history</c>): an image built
/// FROM a base has the base's history entries below its own, so the entries above them are this build's.
/// </summary>
public static partial class ImageHistory
{
    /// <summary>Reads the history of <paramref name="imageId"/> and returns the layers above <paramref name="baseImageId"/>'s (all of them when it is null: FROM scratch).</summary>
    public static async Task<IReadOnlyList<ImageLayer>> AddedLayersAsync(DockerEngine engine, string imageId, string? baseImageId, CancellationToken cancellationToken)
    {
        var image = await engine.Client.Images.GetImageHistoryAsync(imageId, cancellationToken).ConfigureAwait(false);
        var baseEntries = baseImageId is null ? 0 : (await engine.Client.Images.GetImageHistoryAsync(baseImageId, cancellationToken).ConfigureAwait(false)).Count;
        return AddedLayers(image, baseEntries, engine.Kind);
    }

    /// <summary>
    /// Returns the entries of <paramref name="history"/> (newest first, as the engine lists them) above the
    /// bottom <paramref name="baseEntries"/>, in the order they were built. Podman (4.3) puts image ids on the wrong
    /// entries (the base image's id on this build's second metadata entry, an earlier step's on the last), so its
    /// entries get none.
    /// </summary>
    internal static IReadOnlyList<ImageLayer> AddedLayers(IList<ImageHistoryResponse> history, int baseEntries, EngineKind engine = EngineKind.Docker)
    {
        var added = history.Take(Math.Max(0, history.Count - baseEntries)).Reverse();
        return [.. added.Select((entry, i) => new ImageLayer(i + 1, engine == EngineKind.Podman ? null : IdOf(entry.ID), entry.Size, Instruction(entry.CreatedBy)))];
    }

    /// <summary>
    /// The instruction a history entry records, as a reader would write it in a Dockerfile: the classic
    /// builder records a metadata or COPY step as <c>/bin/sh -c #(nop)  ENV …</c>, and a RUN step as its shell
    /// command, with <c>|N NAME=value</c> in front when build arguments were in scope.
    /// </summary>
    /// <remarks>
    /// BuildKit records a step that makes a layer with <c> # buildkit</c> after it (<c>COPY app/ . # buildkit</c>,
    /// <c>RUN /bin/sh -c npm ci # buildkit</c>), and ports as Go prints a map (<c>EXPOSE map[8080/tcp:{}]</c>).
    /// </remarks>
    internal static string Instruction(string? createdBy)
    {
        var text = (createdBy ?? "").Trim();
        if (text.EndsWith(BuildKitMark, StringComparison.Ordinal))
        {
            text = text[..^BuildKitMark.Length].TrimEnd();
            text = text.StartsWith("RUN ", StringComparison.Ordinal) ? text[4..] : text;
        }

        if (ExposePattern().Match(text) is { Success: true } expose)
        {
            return "EXPOSE " + string.Join(' ', expose.Groups["ports"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Replace(":{}", "", StringComparison.Ordinal).Replace("/tcp", "", StringComparison.Ordinal)));
        }

        if (NopPattern().Match(text) is { Success: true } nop)
        {
            return nop.Groups["instruction"].Value.Trim();
        }

        return RunPattern().Match(text) is { Success: true } run ? $"RUN {run.Groups["command"].Value.Trim()}" : text;
    }

    private const string BuildKitMark = "# buildkit";

    private static string? IdOf(string? id) => string.IsNullOrEmpty(id) || id == "<missing>" ? null : id;

    [GeneratedRegex(@"^EXPOSE map\[(?<ports>[^\]]*)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex ExposePattern();

    [GeneratedRegex(@"^(\|\d+ .*?)?/bin/sh -c #\(nop\)\s*(?<instruction>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex NopPattern();

    [GeneratedRegex(@"^(\|\d+ .*?)?/bin/sh -c (?<command>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex RunPattern();
}
