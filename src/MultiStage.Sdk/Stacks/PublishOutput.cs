using MultiStage.Sdk.Context;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// A .NET app's publish output as the context of an image made from it: every file of the publish folder (as SDK
/// containers take it), the ones that came from NuGet packages under <c>dependencies/</c> and the app's own under
/// <c>app/</c>, so the runtime stage copies them in two layers and the first keeps its digest while only the code changes.
/// </summary>
public static class PublishOutput
{
    /// <summary>The context folder of the files that came from NuGet packages.</summary>
    public const string Dependencies = "dependencies";

    /// <summary>The context folder of the app's own files.</summary>
    public const string App = "app";

    /// <summary>Returns the publish folder's files as context files, in a fixed order.</summary>
    /// <param name="publishDirectory">The publish folder (PublishDir).</param>
    /// <param name="packageFiles">The published files that came from NuGet packages, relative to it, forward slashes.</param>
    /// <param name="runtimeIdentifier">
    /// For a portable publish, the runtime the image is for: of its <c>runtimes/&lt;rid&gt;/</c> folders only those that runtime
    /// loads from are taken (the host reads no other), so a package's Windows and macOS binaries stay out. Null: every file.
    /// </param>
    public static IReadOnlyList<ContextFile> Files(string publishDirectory, IReadOnlyCollection<string> packageFiles, string? runtimeIdentifier = null)
    {
        if (!Directory.Exists(publishDirectory))
        {
            throw new MultiStageException(Diagnostics.PublishOutputMissing(publishDirectory));
        }

        var fromPackages = new HashSet<string>(packageFiles, StringComparer.Ordinal);
        var loaded = runtimeIdentifier is null ? null : LoadedBy(runtimeIdentifier);
        return Directory.EnumerateFiles(publishDirectory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(file => (Relative: Path.GetRelativePath(publishDirectory, file).Replace('\\', '/'), Source: file))
            .Where(f => loaded is null || !(f.Relative.Split('/') is ["runtimes", var rid, _, ..] && !loaded.Contains(rid)))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f => new ContextFile($"{(fromPackages.Contains(f.Relative) ? Dependencies : App)}/{f.Relative}", f.Source))
            .ToList();
    }

    /// <summary>The runtime identifiers whose assets a Linux runtime loads, most specific first (the portable graph of .NET 8 and later).</summary>
    internal static IReadOnlySet<string> LoadedBy(string runtimeIdentifier)
    {
        var parts = runtimeIdentifier.ToLowerInvariant().Split('-');
        var architecture = parts[^1];
        var musl = parts.Length == 3 && parts[1] == "musl";
        string[] graph = musl
            ? [runtimeIdentifier.ToLowerInvariant(), "linux-musl", $"linux-{architecture}", "linux", "unix", "any"]
            : [runtimeIdentifier.ToLowerInvariant(), "linux", "unix", "any"];
        return new HashSet<string>(graph, StringComparer.OrdinalIgnoreCase);
    }
}
