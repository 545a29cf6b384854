using System.Xml.Linq;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// The build context of a .NET project and what its restore layer copies: the common root of the
/// project, every project it references (transitively) and the files restore reads for them
/// (Directory.Build.props/.targets, Directory.Packages.props, global.json). Projects under that root that
/// the app does not reference (tests, other apps) are left out of the context, and so are the user's
/// nuget.config files: they may hold credentials and name folders of this machine, and the builder
/// restores with a nuget.config of its own (<see cref="BuilderFeeds"/>).
/// </summary>
/// <param name="Root">The context's root folder.</param>
/// <param name="ProjectFile">The project being published, relative to the root.</param>
/// <param name="RestoreFiles">Every file restore reads, relative to the root, outermost first, projects last.</param>
/// <param name="ProjectDirectories">The folders of the project and its references, relative to the root.</param>
/// <param name="Exclusions">Folders of projects the app does not reference, and the nuget.config files, relative to the root.</param>
public sealed record DotNetContext(string Root, string ProjectFile, IReadOnlyList<string> RestoreFiles, IReadOnlyList<string> ProjectDirectories, IReadOnlyList<string> Exclusions)
{
    /// <summary>Files MSBuild and the SDK take from the nearest folder above a project that has one.</summary>
    private static readonly string[] NearestFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json"];

    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj"];

    /// <summary>Works out the context of <paramref name="facts"/>' project.</summary>
    public static DotNetContext Find(ProjectFacts facts)
    {
        var projects = Closure([facts.ProjectFile, .. facts.ReferencedProjects]);
        var projectDirectories = projects.Select(p => Path.GetDirectoryName(p)!).Distinct(StringComparer.Ordinal).ToList();
        // Nothing above the repository (or the projects, outside one) is taken: a stray file higher up must not pull in the disk.
        var bound = facts.ContextDirectory ?? RepositoryRoot(facts.ProjectDirectory) ?? CommonRoot(projectDirectories);

        var nearest = projectDirectories
            .SelectMany(d => NearestFiles.Select(name => Ancestors(d, bound).Select(a => Path.Combine(a, name)).FirstOrDefault(File.Exists)))
            .OfType<string>()
            .Concat(facts.ImportedBuildFiles.Where(File.Exists).Select(Path.GetFullPath).Where(f => IsUnder(f, bound)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var root = facts.ContextDirectory ?? CommonRoot([.. projectDirectories, .. nearest.Select(f => Path.GetDirectoryName(f)!)]);

        // NuGet merges every nuget.config above the projects; none of them goes into the context.
        var nugetConfigs = projectDirectories
            .SelectMany(d => Ancestors(d, root))
            .Distinct(StringComparer.Ordinal)
            .SelectMany(d => Directory.EnumerateFiles(d).Where(f => Path.GetFileName(f).Equals("nuget.config", StringComparison.OrdinalIgnoreCase)));
        string Relative(string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

        var restoreFiles = nearest
            .OrderBy(f => f.Count(c => c == Path.DirectorySeparatorChar))
            .ThenBy(f => f, StringComparer.Ordinal)
            .Concat(projects)
            .Select(Relative)
            .ToList();
        var exclusions = Unrelated(root, projectDirectories).Concat(nugetConfigs).Select(Relative).ToList();
        return new DotNetContext(root, Relative(facts.ProjectFile), restoreFiles, [.. projectDirectories.Select(Relative)], exclusions);
    }

    /// <summary>The projects and everything they reference through ProjectReference, read from the project files.</summary>
    private static List<string> Closure(IEnumerable<string> start)
    {
        var seen = new List<string>();
        var pending = new Queue<string>(start.Select(Path.GetFullPath));
        while (pending.TryDequeue(out var project))
        {
            if (seen.Contains(project, StringComparer.Ordinal) || !File.Exists(project))
            {
                continue;
            }

            seen.Add(project);
            foreach (var reference in ProjectReferences(project))
            {
                pending.Enqueue(reference);
            }
        }

        return seen;
    }

    private static IEnumerable<string> ProjectReferences(string project)
    {
        try
        {
            return XDocument.Load(project).Descendants()
                .Where(e => e.Name.LocalName == "ProjectReference" && e.Attribute("Include") is not null)
                .Select(e => e.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar))
                .Where(include => !include.Contains("$(", StringComparison.Ordinal))
                .Select(include => Path.GetFullPath(include, Path.GetDirectoryName(project)!))
                .ToList();
        }
        catch (System.Xml.XmlException)
        {
            return []; // MSBuild reports a broken project far more clearly than this could.
        }
    }

    /// <summary>The repository's root: the nearest folder above the project holding .git or a solution file.</summary>
    private static string? RepositoryRoot(string directory)
    {
        for (var dir = directory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Path.Exists(Path.Combine(dir, ".git")) || Directory.EnumerateFiles(dir, "*.sln").Any() || Directory.EnumerateFiles(dir, "*.slnx").Any())
            {
                return dir;
            }
        }

        return null;
    }

    private static IEnumerable<string> Ancestors(string directory, string bound)
    {
        for (var dir = directory; dir is not null && IsUnder(dir, bound); dir = Path.GetDirectoryName(dir))
        {
            yield return dir;
        }
    }

    private static string CommonRoot(IReadOnlyList<string> directories)
    {
        var root = directories[0];
        while (!directories.All(d => IsUnder(d, root)))
        {
            root = Path.GetDirectoryName(root)!;
        }

        return root;
    }

    private static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Folders under the root that hold a project the app does not need and none that it does.</summary>
    private static IEnumerable<string> Unrelated(string root, IReadOnlyList<string> needed)
    {
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var dir))
        {
            var isProject = Directory.EnumerateFiles(dir).Any(f => ProjectExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase));
            if (isProject && !needed.Any(n => IsUnder(n, dir)))
            {
                yield return dir;
                continue;
            }

            foreach (var child in Directory.EnumerateDirectories(dir).Where(d => !Path.GetFileName(d).StartsWith('.') && Path.GetFileName(d) is not ("bin" or "obj" or "node_modules")))
            {
                pending.Push(child);
            }
        }
    }
}
