namespace MultiStage.Sdk.Stacks;

/// <summary>
/// What a PHP app's folder holds that only its development or build reads, taken from the Laravel and
/// Symfony skeletons and the tools they ship with: the final image gets the app without them.
/// </summary>
public static class PhpBuildOnlyFiles
{
    /// <summary>Tests, test and analysis tool configuration, editor and git files.</summary>
    private static readonly string[] Always =
    [
        "tests", "phpunit.xml", "phpunit.xml.dist", "phpunit.dist.xml", ".phpunit.cache", ".phpunit.result.cache",
        "phpstan.neon", "phpstan.neon.dist", "phpstan.dist.neon", "phpstan-baseline.neon", "psalm.xml", "psalm.xml.dist",
        "pint.json", ".php-cs-fixer.php", ".php-cs-fixer.dist.php", "phpcs.xml", "phpcs.xml.dist", "rector.php",
        ".editorconfig", ".gitattributes", ".gitignore", ".styleci.yml", ".env.example", ".env.testing",
    ];

    /// <summary>The front-end's manifest, lockfiles and tool configuration: only the Node stage reads them.</summary>
    private static readonly string[] Node =
    [
        "package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "pnpm-workspace.yaml", "bun.lockb", "bun.lock",
        ".npmrc", ".yarnrc", ".yarnrc.yml", ".nvmrc", ".node-version", "tsconfig.json", "jsconfig.json",
        "vite.config.js", "vite.config.ts", "vite.config.mjs", "vite.config.mts", "vite.config.cjs", "webpack.config.js",
        "postcss.config.js", "postcss.config.cjs", "postcss.config.mjs", "tailwind.config.js", "tailwind.config.ts", "tailwind.config.cjs",
        ".prettierrc", ".prettierrc.json", ".prettierignore", ".eslintrc.js", ".eslintrc.json", ".eslintrc.cjs", "eslint.config.js", "eslint.config.mjs",
    ];

    /// <summary>The front-end's sources, once the Node stage has built them (Laravel's resources/js and resources/css; Encore's assets/).</summary>
    private static readonly string[] AssetSources = ["resources/js", "resources/ts", "resources/css", "resources/sass", "resources/scss", "assets"];

    /// <summary>Returns the build-only files and folders present in <paramref name="directory"/>, relative with '/'; the front-end's sources only when <paramref name="assetsBuilt"/>.</summary>
    public static IReadOnlyList<string> Present(string directory, bool assetsBuilt) =>
        [.. Always.Concat(Node).Concat(assetsBuilt ? AssetSources : []).Where(p => Path.Exists(Path.Combine(directory, p)))];
}
