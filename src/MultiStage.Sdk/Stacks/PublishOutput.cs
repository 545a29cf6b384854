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
    public static IReadOnlyList<ContextFile> Files(string publishDirectory, IReadOnlyCollection<string> packageFiles)
    {
        if (!Directory.Exists(publishDirectory))
        {
            throw new MultiStageException(Diagnostics.PublishOutputMissing(publishDirectory));
        }

        var fromPackages = new HashSet<string>(packageFiles, StringComparer.Ordinal);
        return Directory.EnumerateFiles(publishDirectory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(file => (Relative: Path.GetRelativePath(publishDirectory, file).Replace('\\', '/'), Source: file))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f => new ContextFile($"{(fromPackages.Contains(f.Relative) ? Dependencies : App)}/{f.Relative}", f.Source))
            .ToList();
    }
}
