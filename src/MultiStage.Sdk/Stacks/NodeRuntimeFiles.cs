using System.Text.Json;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// What the final stage of a Node app takes besides its production node_modules. After a build: package.json
/// and the build output — tsconfig's <c>compilerOptions.outDir</c>, the folders the start command and
/// <c>main</c> point into, the folders of known frameworks (<c>.next/</c>, <c>.output/</c>, <c>build/</c>, …) —
/// or, when none of these is known, the builder's app without tests, tool configs and credentials.
/// Without a build: the app's files without tests, tool configs and credentials.
/// </summary>
internal static class NodeRuntimeFiles
{
    /// <summary>Paths at the app's root (shell globs) that only development reads, one group a line: the package's own folder, tests, tool configs, install files.</summary>
    public static readonly IReadOnlyList<IReadOnlyList<string>> DevelopmentOnly =
    [
        [".multistage"],
        ["test", "tests", "__tests__", "spec", "e2e", "coverage", "cypress"],
        ["tsconfig*.json", "jsconfig.json", "nest-cli.json", ".swcrc", ".eslintrc*", ".eslintignore", "eslint.config.*", ".prettierrc*", ".prettierignore", "prettier.config.*"],
        ["jest.config.*", "vitest.config.*", "vitest.workspace.*", "playwright.config.*", "cypress.config.*", ".mocharc*", ".nycrc*"],
        [".github", ".husky", ".editorconfig", ".gitignore", ".gitattributes", ".nvmrc", ".node-version"],
        ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "pnpm-workspace.yaml", ".pnpmfile.cjs"],
    ];

    /// <summary>File names removed at any depth: test files.</summary>
    public static readonly IReadOnlyList<string> TestFiles = ["*.test.*", "*.spec.*"];

    /// <summary>Frameworks (by a package the app names) and what a production server of theirs reads: folders the build writes, and source files and folders when they exist.</summary>
    private static readonly (string Package, string[] Built, string[] Sources)[] Frameworks =
    [
        ("next", [".next"], ["public", "next.config.js", "next.config.mjs", "next.config.cjs", "next.config.ts"]),
        ("nuxt", [".output"], []),
        ("@remix-run/serve", ["build"], ["public"]),
        ("@react-router/serve", ["build"], ["public"]),
        ("@sveltejs/adapter-node", ["build"], []),
        ("astro", ["dist"], []),
    ];

    /// <summary>Caches frameworks' builds keep inside their output folder, which the app never reads.</summary>
    private static readonly (string Package, string Cache)[] BuildCaches = [("next", ".next/cache")];

    /// <summary>Returns the build caches inside the output of the frameworks <paramref name="package"/> uses, for the builder to remove.</summary>
    public static IReadOnlyList<string> Caches(NodePackage package) =>
        [.. BuildCaches.Where(c => package.AllDependencies.Contains(c.Package)).Select(c => c.Cache)];

    /// <summary>The tsconfig files whose <c>outDir</c> is the build output, in the order they are read.</summary>
    private static readonly string[] TsConfigs = ["tsconfig.build.json", "tsconfig.json"];

    /// <summary>
    /// Returns what the final stage copies from the builder after a build, relative to the app with
    /// package.json first; null when no build output is known. <c>main</c> counts when the start runs it.
    /// </summary>
    public static IReadOnlyList<string>? Built(NodePackage package, NodeStartCommand start)
    {
        var directory = package.Directory;
        // What the start runs (main is among them when it is the start); a leftover main of npm init is not.
        var entries = start.EntryFiles.Select(Relative).OfType<string>().ToList();
        var frameworks = Frameworks.Where(f => package.AllDependencies.Contains(f.Package)).ToList();

        // The folders the build writes; a lone entry file at the root (index.js) says nothing of what it requires.
        var folders = new[] { OutDir(directory) }.OfType<string>()
            .Concat(entries.Where(e => e.Contains('/', StringComparison.Ordinal)).Select(e => e.Split('/')[0]))
            .Concat(frameworks.SelectMany(f => f.Built))
            .Where(f => f != "node_modules")
            .ToList();
        if (folders.Count == 0)
        {
            return null;
        }

        // Files at the root only when they are sources: a COPY of one the build does not make would fail.
        var files = entries.Where(e => !e.Contains('/', StringComparison.Ordinal) && e != "package.json")
            .Concat(frameworks.SelectMany(f => f.Sources))
            .Where(f => Path.Exists(Path.Combine(directory, f)));
        return ["package.json", .. folders.Concat(files).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>tsconfig's <c>compilerOptions.outDir</c> (tsconfig.build.json's, else tsconfig.json's) as a folder of the app; null when it emits nowhere else.</summary>
    internal static string? OutDir(string directory)
    {
        foreach (var name in TsConfigs.Select(n => Path.Combine(directory, n)).Where(File.Exists))
        {
            using var config = AppManifest.ReadJson(name);
            var options = config.RootElement.ValueKind == JsonValueKind.Object && config.RootElement.TryGetProperty("compilerOptions", out var o) ? o : default;
            if (options.ValueKind == JsonValueKind.Object && options.TryGetProperty("noEmit", out var noEmit) && noEmit.ValueKind == JsonValueKind.True)
            {
                return null;
            }

            if (AppManifest.String(config.RootElement, "compilerOptions", "outDir") is { } outDir && Relative(outDir) is { } folder)
            {
                return folder.Split('/')[0];
            }
        }

        return null;
    }

    /// <summary>A path inside the app, with forward slashes and without <c>./</c>; null when it leaves the app or is its root.</summary>
    internal static string? Relative(string path)
    {
        var p = path.Trim().Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        p = p.TrimEnd('/');
        return p.Length == 0 || p == "." || p.StartsWith('/') || p.Split('/').Contains("..") ? null : p;
    }
}
