using System.Text.RegularExpressions;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// The front-end assets of a PHP app whose package.json has a <c>build</c> script (Vite in Laravel, Webpack
/// Encore in Symfony): built in a Node stage with the Node stack's package manager, and only the folder
/// the build writes reaches the image, without node_modules.
/// </summary>
/// <param name="Image">The Node builder image (node:&lt;engines.node's major&gt;-bookworm).</param>
/// <param name="PackageManager">How the front-end's dependencies are installed, as for a Node app.</param>
/// <param name="ManifestFiles">package.json, its lockfile and install configuration, copied before the sources.</param>
/// <param name="BuildCommand">The command that runs the build script.</param>
/// <param name="Output">The folder the build writes, relative to the app: Vite's Laravel plugin and Encore write <c>public/build</c> with a manifest.json.</param>
public sealed partial record PhpAssets(string Image, NodePackageManager PackageManager, IReadOnlyList<string> ManifestFiles, string BuildCommand, string Output)
{
    /// <summary>Where Vite's Laravel plugin (its default buildDirectory) and Encore's usual setOutputPath write.</summary>
    public const string DefaultOutput = "public/build";

    /// <summary>Returns the assets build of the app in <paramref name="directory"/>, or null when it has no package.json with a build script.</summary>
    public static PhpAssets? For(string directory)
    {
        var manifestPath = Path.Combine(directory, "package.json");
        if (!File.Exists(manifestPath))
        {
            return null;
        }

        using var manifest = AppManifest.ReadJson(manifestPath);
        var root = manifest.RootElement;
        if (AppManifest.String(root, "scripts", "build") is null)
        {
            return null;
        }

        var manager = NodePackageManager.For(directory, AppManifest.String(root, "packageManager"));
        return new PhpAssets(NodeStack.BuilderImageFor(NodeStack.VersionOf(root)), manager, manager.ManifestFiles(directory), $"{manager.RunScript} build", OutputOf(directory));
    }

    /// <summary>The build's folder: laravel({ buildDirectory }) in vite.config.*, setOutputPath() in webpack.config.js, else public/build.</summary>
    private static string OutputOf(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "vite.config.*").Order(StringComparer.Ordinal))
        {
            if (BuildDirectoryPattern().Match(File.ReadAllText(file)) is { Success: true } m)
            {
                return $"public/{m.Groups[1].Value.Trim('/')}";
            }
        }

        var webpack = Path.Combine(directory, "webpack.config.js");
        return File.Exists(webpack) && OutputPathPattern().Match(File.ReadAllText(webpack)) is { Success: true } w
            ? w.Groups[1].Value.TrimStart('.', '/').TrimEnd('/')
            : DefaultOutput;
    }

    [GeneratedRegex(@"buildDirectory\s*:\s*['""]([A-Za-z0-9_./-]+)['""]", RegexOptions.CultureInvariant)]
    private static partial Regex BuildDirectoryPattern();

    [GeneratedRegex(@"setOutputPath\(\s*['""]([A-Za-z0-9_./-]+)['""]", RegexOptions.CultureInvariant)]
    private static partial Regex OutputPathPattern();
}
