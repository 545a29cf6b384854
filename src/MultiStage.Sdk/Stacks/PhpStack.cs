using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// A PHP app (composer.json): production dependencies and an optimized autoloader made in a composer
/// stage, then only the app and its vendor/ on a PHP runtime (php-fpm by default, apache or cli by
/// MultiStagePhpRuntime), run as <c>www-data</c>; composer never reaches the final image.
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
    public bool Detect(ProjectFacts facts) => File.Exists(Path.Combine(facts.ProjectDirectory, "composer.json"));

    /// <inheritdoc />
    public StackPlan Plan(ProjectFacts facts, ContainerOptions options)
    {
        var manifestPath = AppManifest.Require(facts, Name, "composer.json");
        using var manifest = AppManifest.ReadJson(manifestPath);
        var version = AppManifest.FirstVersion(AppManifest.String(manifest.RootElement, "require", "php"), 2) ?? DefaultPhpVersion;
        var runtime = (string.IsNullOrWhiteSpace(options.PhpRuntime) ? "fpm" : options.PhpRuntime.Trim().ToLowerInvariant()) switch
        {
            "fpm" or "php-fpm" => PhpRuntime.Fpm,
            "apache" => PhpRuntime.Apache,
            "cli" => PhpRuntime.Cli,
            var other => throw new MultiStageException(Diagnostics.UnknownPhpRuntime(other)),
        };

        bool Has(string path) => Path.Exists(Path.Combine(facts.ProjectDirectory, path));
        var laravel = Has("artisan");
        var documentRoot = Has("public") ? $"{AppDirectory}/public" : AppDirectory;
        var workingDirectory = string.IsNullOrWhiteSpace(options.WorkingDirectory) ? AppDirectory : options.WorkingDirectory;

        return new StackPlan
        {
            Stack = Name,
            ContextDirectory = facts.ContextOrProjectDirectory,
            Variant = $"php {version}, {runtime.Name}{(laravel ? ", Laravel" : "")}",
            BuilderImage = ImageReference.ValidateOrDefault("ContainerBuilderImage", options.BuilderImage, "composer:2"),
            RuntimeImage = ImageReference.ValidateOrDefault("ContainerBaseImage", options.BaseImage, $"php:{version}-{runtime.Name}"),
            WorkingDirectory = workingDirectory,
            User = string.IsNullOrWhiteSpace(options.User) ? "www-data" : options.User,
            Ports = options.Ports.Count > 0 || runtime.Port is null ? options.Ports : [new ContainerPort(runtime.Port.Value)],
            Environment = options.Environment,
            Labels = options.Labels,
            Entrypoint = runtime == PhpRuntime.Cli ? CliEntrypoint(manifest.RootElement, laravel) : runtime.Entrypoint,
            App = new PhpApp(runtime.Name, Has("composer.lock"), laravel, documentRoot),
        };
    }

    /// <summary>A CLI app starts its composer <c>bin</c>, else artisan, else index.php.</summary>
    private static IReadOnlyList<string> CliEntrypoint(System.Text.Json.JsonElement manifest, bool laravel)
    {
        var bin = manifest.TryGetProperty("bin", out var b) && b.ValueKind == System.Text.Json.JsonValueKind.Array && b.GetArrayLength() > 0 ? b[0].GetString() : null;
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
/// <param name="Laravel">Whether the app is a Laravel app (an artisan file at the root).</param>
/// <param name="DocumentRoot">The web root: the app's public/ when it has one.</param>
public sealed record PhpApp(string Runtime, bool HasLock, bool Laravel, string DocumentRoot);
