using System.Text.Json;

namespace MultiStage.Sdk.Tests.Stacks;

/// <summary>
/// What NuGet leaves on disk after a restore, written as NuGet writes it: the project's obj/ with its
/// dependency-graph spec and project.assets.json, a packages folder with each package's .nupkg and
/// .nupkg.metadata, and the nuget.config files the restore read.
/// </summary>
internal sealed class RestoreLayout(TempProject project)
{
    private readonly List<string> _sources = [];
    private readonly List<string> _configs = [];
    private readonly List<(string Id, string Version, string? Source, bool Fallback)> _packages = [];

    public string PackagesFolder => Path.Combine(project.Directory, "home", ".nuget", "packages") + "/";

    public string FallbackFolder => Path.Combine(project.Directory, "fallback") + "/";

    public string AssetsFile => Path.Combine(project.Directory, "obj", "project.assets.json");

    /// <summary>A source the restore used, as the spec lists it, with the nuget.config that names it (written at <paramref name="config"/>).</summary>
    public RestoreLayout Source(string value, string? config = null)
    {
        _sources.Add(value);
        if (config is not null && !_configs.Contains(config))
        {
            _configs.Add(config);
        }

        return this;
    }

    /// <summary>A package the restore resolved, downloaded from <paramref name="source"/> (null: found in a fallback folder).</summary>
    public RestoreLayout Package(string id, string version, string? source, bool withNupkg = true)
    {
        var fallback = source is null;
        var directory = Path.Combine(fallback ? FallbackFolder : PackagesFolder, id.ToLowerInvariant(), version);
        Directory.CreateDirectory(directory);
        if (withNupkg)
        {
            File.WriteAllText(Path.Combine(directory, $"{id.ToLowerInvariant()}.{version}.nupkg"), $"{id} {version}");
        }

        if (source is not null)
        {
            File.WriteAllText(Path.Combine(directory, ".nupkg.metadata"), JsonSerializer.Serialize(new { version = 2, contentHash = "x", source }));
        }

        _packages.Add((id, version, source, fallback));
        return this;
    }

    /// <summary>Writes the spec and the assets file.</summary>
    public string Write()
    {
        var obj = Path.Combine(project.Directory, "obj");
        Directory.CreateDirectory(obj);
        var restore = new Dictionary<string, object>
        {
            ["outputPath"] = obj + "/",
            ["packagesPath"] = PackagesFolder,
            ["configFilePaths"] = _configs.Select(c => Path.Combine(project.Directory, c)).ToList(),
            ["sources"] = _sources.ToDictionary(s => s, _ => new { }),
        };
        var spec = new { format = 1, restore = new Dictionary<string, object> { [project.ProjectFile] = new { } }, projects = new Dictionary<string, object> { [project.ProjectFile] = new { restore } } };
        File.WriteAllText(Path.Combine(obj, "MyApp.csproj.nuget.dgspec.json"), JsonSerializer.Serialize(spec));

        var libraries = _packages.ToDictionary(p => $"{p.Id}/{p.Version}", p => new { type = "package", path = $"{p.Id.ToLowerInvariant()}/{p.Version}" });
        var folders = new Dictionary<string, object> { [PackagesFolder] = new { } };
        if (_packages.Any(p => p.Fallback))
        {
            folders[FallbackFolder] = new { };
        }

        File.WriteAllText(AssetsFile, JsonSerializer.Serialize(new { version = 3, libraries, packageFolders = folders }));
        return AssetsFile;
    }
}
