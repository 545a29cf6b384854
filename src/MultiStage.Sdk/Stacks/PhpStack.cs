using System.Text.Json;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// A PHP app (composer.json): production dependencies and an optimized autoloader made in a composer
/// stage (with the front-end assets built in a Node stage when package.json has a build script), then
/// the app without its build-only files and credentials on a PHP runtime (php-fpm by default, apache or
/// cli by MultiStagePhpRuntime) with opcache and php.ini-production, run as <c>www-data</c>; composer
/// and node never reach the final image.
/// </summary>
public sealed class PhpStack : IStack
{
    /// <summary>The PHP version used when composer.json's require.php names none.</summary>
    public const string DefaultPhpVersion = "8.4";

    /// <summary>Where the official PHP images serve from.</summary>
    private const string AppDirectory = "/var/www/html";

    /// <inheritdoc />
    public string Name => "php";

    /// <inheritdoc />
    public string Manifest => "composer.json";

    /// <inheritdoc />
    public bool Detect(ProjectFacts facts) => File.Exists(Path.Combine(facts.ProjectDirectory, Manifest));

    /// <summary>Returns whether the app in <paramref name="directory"/> is a Laravel or Symfony app, whose package.json only builds its front-end.</summary>
    public static bool IsFrameworkApp(string directory)
    {
        using var manifest = AppManifest.ReadJson(Path.Combine(directory, "composer.json"));
        return Framework(directory, manifest.RootElement) is not null;
    }

    /// <inheritdoc />
    public StackPlan Plan(ProjectFacts facts, ContainerOptions options)
    {
        var manifestPath = AppManifest.Require(facts, Name, Manifest);
        using var manifest = AppManifest.ReadJson(manifestPath);
        var version = AppManifest.FirstVersion(AppManifest.String(manifest.RootElement, "require", "php"), 2) ?? DefaultPhpVersion;
        var runtime = (string.IsNullOrWhiteSpace(options.PhpRuntime) ? "fpm" : options.PhpRuntime.Trim().ToLowerInvariant()) switch
        {
            "fpm" or "php-fpm" => PhpRuntime.Fpm,
            "apache" => PhpRuntime.Apache,
            "cli" => PhpRuntime.Cli,
            var other => throw new MultiStageException(Diagnostics.UnknownPhpRuntime(other)),
        };

        var directory = facts.ProjectDirectory;
        bool Has(string path) => Path.Exists(Path.Combine(directory, path));
        var framework = Framework(directory, manifest.RootElement);
        var laravel = framework == "Laravel";
        var assets = PhpAssets.For(directory);
        var documentRoot = Has("public") ? $"{AppDirectory}/public" : AppDirectory;
        var workingDirectory = options.WorkingDirectoryOr(AppDirectory);

        return new StackPlan
        {
            Stack = Name,
            ContextDirectory = facts.ContextOrProjectDirectory,
            Variant = $"{framework ?? "PHP"} app, {runtime.Name}{(assets is null ? "" : $", front-end assets built with {assets.PackageManager.Name}")}",
            BuilderImage = ImageReference.ValidateOrDefault("ContainerBuilderImage", options.BuilderImage, "composer:2"),
            RuntimeImage = ImageReference.ValidateOrDefault("ContainerBaseImage", options.BaseImage, $"php:{version}-{runtime.Name}"),
            WorkingDirectory = workingDirectory,
            User = options.UserOr("www-data"),
            Ports = options.PortsOr(runtime.Port),
            Entrypoint = runtime == PhpRuntime.Cli ? CliEntrypoint(manifest.RootElement, laravel) : runtime.Entrypoint,
            App = new PhpApp(runtime.Name, Has("composer.lock"), InstallFiles(facts), framework, laravel, documentRoot, assets,
                [.. PhpBuildOnlyFiles.Present(directory, assets is not null), ".multistage"]),
        };
    }

    /// <summary>
    /// composer.json, composer.lock and auth.json, those present and sent: a user who gives composer its
    /// credentials as COMPOSER_AUTH leaves auth.json out of the context with a line of their .dockerignore.
    /// </summary>
    private static IReadOnlyList<string> InstallFiles(ProjectFacts facts)
    {
        var context = facts.ContextOrProjectDirectory;
        var userIgnore = Path.Combine(context, ".dockerignore");
        var rules = File.Exists(userIgnore) ? Context.DockerIgnore.Load(userIgnore) : Context.DockerIgnore.Empty;
        return [.. new[] { "composer.json", "composer.lock", "auth.json" }
            .Where(f => File.Exists(Path.Combine(facts.ProjectDirectory, f))
                && !rules.IsExcluded(Path.GetRelativePath(context, Path.Combine(facts.ProjectDirectory, f)).Replace('\\', '/')))];
    }

    /// <summary>Laravel (an artisan file, or laravel/framework required), Symfony (symfony/framework-bundle required), or null.</summary>
    private static string? Framework(string directory, JsonElement manifest)
    {
        bool Requires(string package) => manifest.TryGetProperty("require", out var require) && require.ValueKind == JsonValueKind.Object && require.TryGetProperty(package, out _);
        return File.Exists(Path.Combine(directory, "artisan")) || Requires("laravel/framework") ? "Laravel"
            : Requires("symfony/framework-bundle") ? "Symfony"
            : null;
    }

    /// <summary>A CLI app starts its composer <c>bin</c>, else artisan, else index.php.</summary>
    private static IReadOnlyList<string> CliEntrypoint(JsonElement manifest, bool laravel)
    {
        var bin = manifest.TryGetProperty("bin", out var b) && b.ValueKind == JsonValueKind.Array && b.GetArrayLength() > 0 ? b[0].GetString() : null;
        return ["php", bin ?? (laravel ? "artisan" : "index.php")];
    }
}

/// <summary>A PHP runtime variant: the official image flavour, its port and its start command.</summary>
/// <param name="Name">The image tag's suffix (fpm, apache, cli).</param>
/// <param name="Port">The port it serves on, or null for a CLI app.</param>
/// <param name="Entrypoint">The command that starts it in the foreground.</param>
public sealed record PhpRuntime(string Name, int? Port, IReadOnlyList<string> Entrypoint)
{
    /// <summary>php-fpm, speaking FastCGI on 9000 as the official images do.</summary>
    public static readonly PhpRuntime Fpm = new("fpm", 9000, ["php-fpm"]);

    /// <summary>Apache with mod_php, moved to 8080 so it can listen without root.</summary>
    public static readonly PhpRuntime Apache = new("apache", 8080, ["apache2-foreground"]);

    /// <summary>The PHP command line, for workers and tools.</summary>
    public static readonly PhpRuntime Cli = new("cli", null, ["php"]);
}

/// <summary>What only the PHP template reads.</summary>
/// <param name="Runtime">fpm, apache or cli.</param>
/// <param name="HasLock">Whether composer.lock exists (copied with composer.json before the install layer).</param>
/// <param name="ManifestFiles">What the install reads, copied before the sources: composer.json, composer.lock, and auth.json (the credentials of private repositories, removed before the final image takes the app).</param>
/// <param name="Framework"><c>Laravel</c>, <c>Symfony</c>, or null: whose writable folders the runtime user owns.</param>
/// <param name="Laravel">Whether the app is a Laravel app (an artisan file, or laravel/framework required).</param>
/// <param name="DocumentRoot">The web root: the app's public/ when it has one.</param>
/// <param name="Assets">The front-end assets build, or null when package.json has no build script.</param>
/// <param name="BuildOnly">The files and folders present that only the build needs, removed before the final image takes the app.</param>
public sealed record PhpApp(string Runtime, bool HasLock, IReadOnlyList<string> ManifestFiles, string? Framework, bool Laravel, string DocumentRoot, PhpAssets? Assets, IReadOnlyList<string> BuildOnly);
