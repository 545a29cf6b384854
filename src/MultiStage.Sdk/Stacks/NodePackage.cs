using System.Text.Json;

namespace MultiStage.Sdk.Stacks;

/// <summary>What the Node stack reads of package.json: the scripts, <c>main</c>, and which packages are production and which development dependencies.</summary>
/// <param name="Path">The package.json file.</param>
/// <param name="Main">The <c>main</c> entry, or null.</param>
/// <param name="Scripts">The scripts, by name.</param>
/// <param name="Dependencies">The names in <c>dependencies</c> (with <c>optionalDependencies</c>): what the final image installs.</param>
/// <param name="DevDependencies">The names in <c>devDependencies</c>.</param>
internal sealed record NodePackage(string Path, string? Main, IReadOnlyDictionary<string, string> Scripts, IReadOnlySet<string> Dependencies, IReadOnlySet<string> DevDependencies)
{
    /// <summary>Reads the fields of a parsed package.json.</summary>
    public static NodePackage Read(string path, JsonElement root) => new(
        path,
        AppManifest.String(root, "main") is { Length: > 0 } main ? main : null,
        Strings(root, "scripts"),
        new HashSet<string>(Strings(root, "dependencies").Keys.Concat(Strings(root, "optionalDependencies").Keys), StringComparer.Ordinal),
        new HashSet<string>(Strings(root, "devDependencies").Keys, StringComparer.Ordinal));

    /// <summary>Gets the package.json's folder.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>Returns the script's command, trimmed, or null when there is no such script.</summary>
    public string? Script(string name) => Scripts.TryGetValue(name, out var command) && command.Trim().Length > 0 ? command.Trim() : null;

    /// <summary>Returns whether <paramref name="package"/> is installed in the builder only: a devDependency and not a dependency.</summary>
    public bool IsDevOnly(string package) => DevDependencies.Contains(package) && !Dependencies.Contains(package);

    /// <summary>Gets every package the app names, production first.</summary>
    public IEnumerable<string> AllDependencies => Dependencies.Concat(DevDependencies.Where(d => !Dependencies.Contains(d)));

    private static Dictionary<string, string> Strings(JsonElement root, string property) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}
