namespace MultiStage.Sdk.Stacks;

/// <summary>
/// The files a .NET restore reads besides the project: the ones MSBuild and NuGet pick up from the
/// project's folder and every folder above it, up to the context root. Copying exactly these before
/// the sources keeps the restore layer cached until a dependency really changes.
/// </summary>
internal static class RestoreInputs
{
    private static readonly string[] Names =
    [
        "nuget.config", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json",
    ];

    /// <summary>Returns the project file and the restore inputs that apply to it, relative to the context, outermost first.</summary>
    public static IReadOnlyList<string> Find(ProjectFacts facts)
    {
        var found = new List<string>();
        var root = Path.TrimEndingDirectorySeparator(facts.ContextDirectory);
        for (var dir = facts.ProjectDirectory; dir is not null && (dir == root || dir.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)); dir = Path.GetDirectoryName(dir))
        {
            var files = Directory.EnumerateFiles(dir)
                .Where(f => Names.Contains(Path.GetFileName(f), StringComparer.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal);
            found.InsertRange(0, files.Select(f => Path.GetRelativePath(facts.ContextDirectory, f).Replace('\\', '/')));
        }

        found.Add(facts.ProjectFileInContext);
        return found;
    }
}
