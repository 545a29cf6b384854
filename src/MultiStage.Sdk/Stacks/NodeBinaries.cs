using System.Text.Json;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// Which of the app's packages provides a command a script runs (<c>nest</c> → <c>@nestjs/cli</c>), without
/// installing anything: the lockfile's <c>bin</c> entries (package-lock.json), else the packages already
/// installed in the app's node_modules on this machine, else the well-known tools whose command is not
/// their package's name, else the package named like the command.
/// </summary>
internal static class NodeBinaries
{
    /// <summary>Commands whose package has another name, and frameworks' own commands.</summary>
    private static readonly Dictionary<string, string[]> WellKnown = new(StringComparer.Ordinal)
    {
        ["nest"] = ["@nestjs/cli"],
        ["ng"] = ["@angular/cli"],
        ["tsc"] = ["typescript"],
        ["babel-node"] = ["@babel/node"],
        ["vue-cli-service"] = ["@vue/cli-service"],
        ["remix"] = ["@remix-run/dev"],
        ["remix-serve"] = ["@remix-run/serve"],
        ["react-router"] = ["@react-router/dev"],
        ["react-router-serve"] = ["@react-router/serve"],
        ["svelte-kit"] = ["@sveltejs/kit"],
        ["nuxi"] = ["nuxi", "nuxt"],
        ["strapi"] = ["@strapi/strapi"],
        ["keystone"] = ["@keystone-6/core"],
        ["swc"] = ["@swc/cli"],
        ["pm2-runtime"] = ["pm2"],
        ["dotenv"] = ["dotenv-cli"],
        ["run-s"] = ["npm-run-all", "npm-run-all2"],
        ["run-p"] = ["npm-run-all", "npm-run-all2"],
    };

    /// <summary>Returns the package of <paramref name="package"/>'s dependencies that provides <paramref name="command"/>, or null when none is known to.</summary>
    public static string? PackageOf(string command, NodePackage package)
    {
        var named = package.AllDependencies.ToList();
        return FromLockfile(command, package.Directory, named)
            ?? named.FirstOrDefault(d => InstalledBins(package.Directory, d).Contains(command))
            ?? (WellKnown.TryGetValue(command, out var known) ? known.FirstOrDefault(named.Contains) : null)
            ?? named.FirstOrDefault(d => d == command);
    }

    /// <summary>The commands an installed package.json declares: <c>"bin": "cli.js"</c> is the package's own name (without its scope).</summary>
    internal static IReadOnlyList<string> Bins(string packageName, JsonElement manifest) =>
        manifest.ValueKind != JsonValueKind.Object || !manifest.TryGetProperty("bin", out var bin) ? []
        : bin.ValueKind == JsonValueKind.String ? [packageName.Split('/')[^1]]
        : bin.ValueKind == JsonValueKind.Object ? [.. bin.EnumerateObject().Select(p => p.Name)]
        : [];

    private static string? FromLockfile(string command, string directory, IReadOnlyList<string> named)
    {
        // A broken lockfile is npm ci's to report, at its line.
        using var document = AppManifest.TryReadJson(Path.Combine(directory, "package-lock.json"));
        return document is not null && document.RootElement.ValueKind == JsonValueKind.Object
               && document.RootElement.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.Object
            ? named.FirstOrDefault(d => packages.TryGetProperty($"node_modules/{d}", out var entry) && Bins(d, entry).Contains(command))
            : null;
    }

    private static IReadOnlyList<string> InstalledBins(string directory, string packageName)
    {
        using var document = AppManifest.TryReadJson(Path.Combine(directory, "node_modules", packageName, "package.json"));
        return document is null ? [] : Bins(packageName, document.RootElement);
    }
}
