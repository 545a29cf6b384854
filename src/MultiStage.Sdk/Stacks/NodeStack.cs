using System.Text.Json;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// A Node app (package.json): dependencies installed from the lockfile in the builder, the build
/// script run there, production dependencies installed in a stage of their own, and a slim runtime
/// stage with those, package.json and the build output (or, without a build, the app's files without
/// tests, tool configs and credentials), run as the images' <c>node</c> user.
/// </summary>
public sealed class NodeStack : IStack
{
    /// <summary>The Node major version used when package.json's engines.node names none (the active LTS line).</summary>
    public const string DefaultNodeVersion = "24";

    private const int DefaultPort = 3000;

    /// <inheritdoc />
    public string Name => "node";

    /// <inheritdoc />
    public string Manifest => "package.json";

    /// <inheritdoc />
    public bool Detect(ProjectFacts facts) => File.Exists(Path.Combine(facts.ProjectDirectory, Manifest));

    /// <inheritdoc />
    public StackPlan Plan(ProjectFacts facts, ContainerOptions options)
    {
        var manifestPath = AppManifest.Require(facts, Name, Manifest);
        using var manifest = AppManifest.ReadJson(manifestPath);
        var root = manifest.RootElement;
        var package = NodePackage.Read(manifestPath, root);
        var manager = NodePackageManager.For(facts.ProjectDirectory, AppManifest.String(root, "packageManager"));
        var version = VersionOf(root);
        var buildCommand = package.Script("build") is null ? null : $"{manager.RunScript} build";
        var builderImage = ImageReference.ValidateOrDefault("ContainerBuilderImage", options.BuilderImage, BuilderImageFor(version));
        var runtimeImage = ImageReference.ValidateOrDefault("ContainerBaseImage", options.BaseImage, $"node:{version}-bookworm-slim");
        var workingDirectory = options.WorkingDirectoryOr("/app");
        // ContainerAppCommand is the entrypoint: no start script is looked at, none can fail the publish.
        var start = options.AppCommand is { } command
            ? new NodeStartCommand(command, NodeStart.EntryFiles(string.Join(' ', command), package.Main))
            : NodeStart.Choose(package, manager.RunInImage, workingDirectory);

        var manifestFiles = manager.ManifestFiles(facts.ProjectDirectory);

        return new StackPlan
        {
            Stack = Name,
            ContextDirectory = facts.ContextOrProjectDirectory,
            Variant = $"{manager.Name}{(buildCommand is null ? "" : ", build script")}, builder {builderImage}, runtime {runtimeImage}",
            BuilderImage = builderImage,
            RuntimeImage = runtimeImage,
            WorkingDirectory = workingDirectory,
            User = options.UserOr("node"),
            Ports = options.PortsOr(DefaultPort),
            Environment = [new("NODE_ENV", "production")],
            Entrypoint = start.Entrypoint,
            App = new NodeApp(manager, manifestFiles, buildCommand)
            {
                RuntimeFiles = buildCommand is null ? [] : NodeRuntimeFiles.Built(package, start) ?? [],
                AppFiles = AppFiles(options, facts.ProjectDirectory, built: buildCommand is not null),
                DevelopmentOnly = NodeRuntimeFiles.DevelopmentOnly,
                TestFiles = NodeRuntimeFiles.TestFiles,
                TypeScript = File.Exists(Path.Combine(facts.ProjectDirectory, "tsconfig.json")),
                BuildCaches = NodeRuntimeFiles.Caches(package),
            },
        };
    }

    /// <summary>The Node major version package.json's engines.node names, else <see cref="DefaultNodeVersion"/>.</summary>
    internal static string VersionOf(JsonElement manifest) => AppManifest.FirstVersion(AppManifest.String(manifest, "engines", "node"), 1) ?? DefaultNodeVersion;

    /// <summary>The image that installs and builds a Node app of <paramref name="version"/> (a PHP app's front-end too).</summary>
    internal static string BuilderImageFor(string version) => $"node:{version}-bookworm";

    /// <summary>The ContainerAppFile items, checked: inside the app, no credential file, and (without a build, since they come from the app's folder) present.</summary>
    private static IReadOnlyList<string> AppFiles(ContainerOptions options, string directory, bool built)
    {
        var credentials = SecretFileNames.For(options.SecretFiles);
        return [.. options.AppFiles.Select(item =>
        {
            var path = NodeRuntimeFiles.Relative(item) ?? throw new MultiStageException(Diagnostics.InvalidAppFile(item, "is not inside the app's folder"));
            if (credentials.Any(c => c == path || (!c.Contains('/', StringComparison.Ordinal) && c == Path.GetFileName(path))))
            {
                throw new MultiStageException(Diagnostics.InvalidAppFile(item, "is a credential file (see ContainerSecretFile), which never goes into the final image"));
            }

            return built || Path.Exists(Path.Combine(directory, path)) ? path
                : throw new MultiStageException(Diagnostics.InvalidAppFile(item, "does not exist in the app's folder and there is no build script to make it"));
        }).Distinct(StringComparer.Ordinal)];
    }
}

/// <summary>What only the Node template reads.</summary>
/// <param name="PackageManager">How dependencies are installed.</param>
/// <param name="ManifestFiles">The manifest, lockfile and install configuration, copied before the sources.</param>
/// <param name="BuildCommand">The command that runs the build script, or null when there is none.</param>
public sealed record NodeApp(NodePackageManager PackageManager, IReadOnlyList<string> ManifestFiles, string? BuildCommand)
{
    /// <summary>Gets what the final stage copies from the builder after a build (package.json and the build output), relative to the app; empty when the final stage takes the app-files stage instead.</summary>
    public IReadOnlyList<string> RuntimeFiles { get; init; } = [];

    /// <summary>Gets whether the app has a tsconfig.json (the builder then removes the incremental build state, <c>*.tsbuildinfo</c>).</summary>
    public bool TypeScript { get; init; }

    /// <summary>Gets the caches a framework's build keeps in its output (<c>.next/cache</c>), which the builder removes.</summary>
    public IReadOnlyList<string> BuildCaches { get; init; } = [];

    /// <summary>Gets the ContainerAppFile items: more files and folders the app reads at run time, relative to it.</summary>
    public IReadOnlyList<string> AppFiles { get; init; } = [];

    /// <summary>Gets the paths at the app's root (shell globs) the app-files stage removes, in groups (one a line): tests, tool configs, install files.</summary>
    public IReadOnlyList<IReadOnlyList<string>> DevelopmentOnly { get; init; } = [];

    /// <summary>Gets the file names (globs) the app-files stage removes at any depth: test files (credential files, the plan's <c>SecretFiles</c>, too).</summary>
    public IReadOnlyList<string> TestFiles { get; init; } = [];
}
