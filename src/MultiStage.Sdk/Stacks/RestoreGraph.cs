using System.Text.Json;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// What the host's restore of a .NET project used, read from the files NuGet wrote for it: the
/// dependency-graph spec beside the assets file (every project of the closure with its resolved sources,
/// fallback folders, packages folder and nuget.config files: NuGet has already applied <c>&lt;clear/&gt;</c>,
/// disabled sources and the RestoreSources properties) and each project's <c>project.assets.json</c>
/// (every package it resolved, and where it lies on this machine).
/// </summary>
/// <param name="Sources">The package sources the restore read, as NuGet resolved them (URLs and full folder paths).</param>
/// <param name="ConfigFiles">The nuget.config files NuGet merged, in its order.</param>
/// <param name="Packages">Every package of the closure, once.</param>
public sealed record RestoreGraph(IReadOnlyList<string> Sources, IReadOnlyList<string> ConfigFiles, IReadOnlyList<RestoredPackage> Packages)
{
    /// <summary>Reads the restore of the project whose assets file is <paramref name="assetsFile"/>.</summary>
    public static RestoreGraph Read(string assetsFile)
    {
        var objDirectory = Path.GetDirectoryName(assetsFile)!;
        var spec = Directory.Exists(objDirectory) ? Directory.EnumerateFiles(objDirectory, "*.nuget.dgspec.json").FirstOrDefault() : null;
        if (!File.Exists(assetsFile) || spec is null)
        {
            throw new MultiStageException(Diagnostics.RestoreOutputMissing(assetsFile));
        }

        var sources = new List<string>();
        var configs = new List<string>();
        var assetsFiles = new List<string>();
        using (var document = Parse(spec))
        {
            foreach (var project in document.RootElement.GetProperty("projects").EnumerateObject())
            {
                if (!project.Value.TryGetProperty("restore", out var restore))
                {
                    continue;
                }

                AddNew(sources, Names(restore, "sources"));
                AddNew(configs, Strings(restore, "configFilePaths"));
                if (restore.TryGetProperty("outputPath", out var output) && output.GetString() is { Length: > 0 } outputPath)
                {
                    AddNew(assetsFiles, [Path.Combine(outputPath, "project.assets.json")]);
                }
            }
        }

        var packages = new Dictionary<string, RestoredPackage>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in assetsFiles.Where(File.Exists))
        {
            foreach (var package in PackagesOf(file))
            {
                packages.TryAdd($"{package.Id}/{package.Version}", package);
            }
        }

        return new RestoreGraph(sources, configs, [.. packages.Values.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Version, StringComparer.Ordinal)]);
    }

    /// <summary>The packages one assets file resolved, each found in the first of its package folders that holds it.</summary>
    private static IEnumerable<RestoredPackage> PackagesOf(string assetsFile)
    {
        using var document = Parse(assetsFile);
        var folders = Names(document.RootElement, "packageFolders").ToList();
        var result = new List<RestoredPackage>();
        foreach (var library in document.RootElement.GetProperty("libraries").EnumerateObject())
        {
            if (library.Value.GetProperty("type").GetString() != "package" || library.Name.Split('/') is not [var id, var version])
            {
                continue;
            }

            var path = library.Value.TryGetProperty("path", out var p) ? p.GetString()! : $"{id.ToLowerInvariant()}/{version.ToLowerInvariant()}";
            var folder = folders.FirstOrDefault(f => Directory.Exists(Path.Combine(f, path))) ?? folders.FirstOrDefault() ?? "";
            var directory = Path.Combine(folder, path);
            result.Add(new RestoredPackage(id, version, directory, SourceOf(directory), InFallbackFolder: folders.Count > 0 && folder != folders[0]));
        }

        return result;
    }

    /// <summary>The source NuGet downloaded the package from, which it records beside the package; null when it did not (a fallback folder).</summary>
    private static string? SourceOf(string packageDirectory)
    {
        var metadata = Path.Combine(packageDirectory, ".nupkg.metadata");
        if (!File.Exists(metadata))
        {
            return null;
        }

        using var document = Parse(metadata);
        return document.RootElement.TryGetProperty("source", out var source) ? source.GetString() : null;
    }

    private static JsonDocument Parse(string file)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(file));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new MultiStageException(Diagnostics.RestoreOutputUnreadable(file, e.Message), e);
        }
    }

    private static IEnumerable<string> Names(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object ? value.EnumerateObject().Select(p => p.Name) : [];

    private static IEnumerable<string> Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetString()!).Where(v => v is not null) : [];

    private static void AddNew(List<string> list, IEnumerable<string> items) => list.AddRange(items.Where(i => !list.Contains(i, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal));
}

/// <summary>A package the host's restore resolved.</summary>
/// <param name="Id">The package id as the project asked for it.</param>
/// <param name="Version">The resolved version, normalized.</param>
/// <param name="Directory">Its folder on this machine (in the packages folder or a fallback folder).</param>
/// <param name="Source">The source it was downloaded from (a URL or a folder), or null when unknown.</param>
/// <param name="InFallbackFolder">Whether it was found in a fallback folder rather than the packages folder.</param>
public sealed record RestoredPackage(string Id, string Version, string Directory, string? Source, bool InFallbackFolder)
{
    /// <summary>Gets the package file NuGet keeps beside the extracted package.</summary>
    public string PackageFile => Path.Combine(Directory, $"{Id.ToLowerInvariant()}.{Version.ToLowerInvariant()}.nupkg");
}
