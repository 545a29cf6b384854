namespace MultiStage.Sdk.Stacks;

/// <summary>
/// How a Node app installs its dependencies: chosen by package.json's <c>packageManager</c> field,
/// else by the lockfile present (pnpm-lock.yaml, yarn.lock, package-lock.json), else plain npm.
/// </summary>
/// <param name="Name">npm, yarn or pnpm.</param>
/// <param name="Lockfile">The lockfile copied with the manifest, or null.</param>
/// <param name="Install">Installs every dependency, exactly as locked.</param>
/// <param name="InstallProduction">Installs production dependencies only.</param>
/// <param name="RunScript">Runs a package.json script: the command before the script's name.</param>
/// <param name="NeedsCorepack">Whether the manager must be enabled through corepack first.</param>
public sealed record NodePackageManager(string Name, string? Lockfile, string Install, string InstallProduction, string RunScript, bool NeedsCorepack)
{
    /// <summary>Files besides the manifest and lockfile that change how dependencies install.</summary>
    private static readonly string[] InstallConfiguration = [".npmrc", ".yarnrc", ".yarnrc.yml", "pnpm-workspace.yaml"];

    /// <summary>Returns package.json, then the lockfile and install configuration present in <paramref name="directory"/>: what the install layer copies.</summary>
    public IReadOnlyList<string> ManifestFiles(string directory) =>
        ["package.json", .. new[] { Lockfile }.Concat(InstallConfiguration).OfType<string>().Where(f => File.Exists(Path.Combine(directory, f))).Distinct()];

    /// <summary>Chooses the package manager of the app in <paramref name="directory"/>.</summary>
    public static NodePackageManager For(string directory, string? packageManagerField)
    {
        bool Has(string file) => File.Exists(Path.Combine(directory, file));
        var declared = packageManagerField?.Split('@') is [var name, var version, ..] ? (name, major: AppManifest.FirstVersion(version, 1)) : (name: (string?)null, major: null);

        var manager = declared.name ?? (Has("pnpm-lock.yaml") ? "pnpm" : Has("yarn.lock") ? "yarn" : "npm");
        return manager switch
        {
            "pnpm" => new("pnpm", Present(Has, "pnpm-lock.yaml"), "pnpm install --frozen-lockfile", "pnpm install --frozen-lockfile --prod", "pnpm run", NeedsCorepack: true),
            "yarn" when declared.major is not null and not "1" =>
                new("yarn", Present(Has, "yarn.lock"), "yarn install --immutable", "yarn workspaces focus --all --production", "yarn run", NeedsCorepack: true) { Cache = "yarn_berry" },
            "yarn" => new("yarn", Present(Has, "yarn.lock"), "yarn install --frozen-lockfile", "yarn install --frozen-lockfile --production", "yarn run", NeedsCorepack: declared.name is not null),
            _ when Has("package-lock.json") || Has("npm-shrinkwrap.json") =>
                new("npm", Has("package-lock.json") ? "package-lock.json" : "npm-shrinkwrap.json", "npm ci", "npm ci --omit=dev", "npm run", NeedsCorepack: false),
            _ => new("npm", null, "npm install", "npm install --omit=dev", "npm run", NeedsCorepack: false),
        };
    }

    /// <summary>Gets the name of the cache mount (templates/shared/cache-mount.sbn) for this manager's downloads: its own name, or <c>yarn_berry</c> for yarn 2 and later.</summary>
    public string Cache { get; init; } = Name;

    /// <summary>Gets what runs a script in the final image, which has no corepack set up: npm, or yarn 1 as the images ship it.</summary>
    public string RunInImage => NeedsCorepack ? "npm run" : RunScript;

    private static string? Present(Func<string, bool> has, string name) => has(name) ? name : null;
}
