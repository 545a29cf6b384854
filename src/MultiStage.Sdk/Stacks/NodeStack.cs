using System.Text.Json;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// A Node app (package.json): dependencies installed from the lockfile in the builder, the build
/// script run there, and a slim runtime stage with production dependencies only and the built app,
/// run as the images' <c>node</c> user.
/// </summary>
public sealed class NodeStack : IStack
{
    /// <summary>The Node major version used when package.json's engines.node names none (the active LTS line).</summary>
    public const string DefaultNodeVersion = "24";

    private const int DefaultPort = 3000;

    /// <inheritdoc />
    public string Name => "node";

    /// <inheritdoc />
    public bool Detect(ProjectFacts facts) => File.Exists(Path.Combine(facts.ProjectDirectory, "package.json"));

    /// <inheritdoc />
    public StackPlan Plan(ProjectFacts facts, ContainerOptions options)
    {
        var manifestPath = AppManifest.Require(facts, Name, "package.json");
        using var manifest = AppManifest.ReadJson(manifestPath);
        var root = manifest.RootElement;
        var manager = NodePackageManager.For(facts.ProjectDirectory, AppManifest.String(root, "packageManager"));
        var version = AppManifest.FirstVersion(AppManifest.String(root, "engines", "node"), 1) ?? DefaultNodeVersion;
        var hasBuild = AppManifest.String(root, "scripts", "build") is not null;

        var manifestFiles = manager.ManifestFiles(facts.ProjectDirectory);

        return new StackPlan
        {
            Stack = Name,
            ContextDirectory = facts.ContextOrProjectDirectory,
            Variant = $"node {version}, {manager.Name}{(hasBuild ? ", build script" : "")}",
            BuilderImage = ImageReference.ValidateOrDefault("ContainerBuilderImage", options.BuilderImage, $"node:{version}-bookworm"),
            RuntimeImage = ImageReference.ValidateOrDefault("ContainerBaseImage", options.BaseImage, $"node:{version}-bookworm-slim"),
            WorkingDirectory = string.IsNullOrWhiteSpace(options.WorkingDirectory) ? "/app" : options.WorkingDirectory,
            User = string.IsNullOrWhiteSpace(options.User) ? "node" : options.User,
            Ports = options.Ports.Count > 0 ? options.Ports : [new ContainerPort(DefaultPort)],
            Environment = [new("NODE_ENV", "production"), .. options.Environment],
            Labels = options.Labels,
            Entrypoint = StartCommand(root, manager, manifestPath),
            App = new NodeApp(manager, manifestFiles, hasBuild ? $"{manager.RunScript} build" : null),
        };
    }

    /// <summary>
    /// The process to start: the <c>start</c> script when it is a plain <c>node …</c> command (run
    /// directly, so signals reach the app), else <c>main</c>, else the start script through the package manager.
    /// </summary>
    internal static IReadOnlyList<string> StartCommand(JsonElement manifest, NodePackageManager manager, string manifestPath)
    {
        var start = AppManifest.String(manifest, "scripts", "start")?.Trim();
        if (start is not null && start.StartsWith("node ", StringComparison.Ordinal) && start.IndexOfAny(['&', '|', ';', '$', '>', '<', '`', '"', '\'']) < 0)
        {
            return start.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }

        if (AppManifest.String(manifest, "main") is { Length: > 0 } main)
        {
            return ["node", main];
        }

        return start is not null
            ? [.. manager.RunScript.Split(' '), "start"]
            : throw new MultiStageException(Diagnostics.NodeStartUnknown(manifestPath));
    }
}

/// <summary>What only the Node template reads.</summary>
/// <param name="PackageManager">How dependencies are installed.</param>
/// <param name="ManifestFiles">The manifest, lockfile and install configuration, copied before the sources.</param>
/// <param name="BuildCommand">The command that runs the build script, or null when there is none.</param>
public sealed record NodeApp(NodePackageManager PackageManager, IReadOnlyList<string> ManifestFiles, string? BuildCommand);
