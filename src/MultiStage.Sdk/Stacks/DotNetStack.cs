using System.Text.RegularExpressions;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// A .NET project: restored and published by the SDK image, run on <c>aspnet</c> (web SDK) or
/// <c>runtime</c>, at the tag of the project's TargetFramework, as the images' non-root <c>app</c> user.
/// </summary>
public sealed partial class DotNetStack(Func<string, bool>? answersAnonymously = null) : IStack
{
    /// <summary>Whether a remote NuGet source can be read by the builder without credentials.</summary>
    private readonly Func<string, bool> _answersAnonymously = answersAnonymously ?? SourceProbe.AnswersAnonymously;

    /// <summary>Gets the repository the official .NET images live in.</summary>
    public const string ImageRepository = "mcr.microsoft.com/dotnet";

    /// <summary>The list of published files that come from NuGet packages, put in the context for the builder.</summary>
    private const string DependencyList = "package-files.txt";

    /// <summary>The port ASP.NET Core listens on in the official images (ASPNETCORE_HTTP_PORTS).</summary>
    private const int DefaultHttpPort = 8080;

    /// <inheritdoc />
    public string Name => "dotnet";

    /// <inheritdoc />
    public string Manifest => "a .NET project file";

    /// <inheritdoc />
    public bool Detect(ProjectFacts facts) =>
        Path.GetExtension(facts.ProjectFile).ToLowerInvariant() is ".csproj" or ".fsproj" or ".vbproj";

    /// <inheritdoc />
    public StackPlan Plan(ProjectFacts facts, ContainerOptions options)
    {
        var imageTag = ImageTagFor(facts.TargetFramework, facts.ProjectFile);
        var variant = DotNetVariant.For(facts, options.Family);
        var builderImage = ImageReference.ValidateOrDefault("ContainerBuilderImage", options.BuilderImage, $"{ImageRepository}/sdk:{imageTag}{variant.BuilderTagSuffix}");
        var runtimeImage = ImageReference.ValidateOrDefault("ContainerBaseImage", options.BaseImage, $"{ImageRepository}/{variant.RuntimeFlavor}:{imageTag}{variant.RuntimeTagSuffix}");
        var workingDirectory = options.WorkingDirectoryOr("/app");

        // The official images define APP_UID (1654, user 'app'); USER expands it at build time.
        var user = options.UserOr("$APP_UID");
        var ports = options.PortsOr(facts.IsWebProject ? DefaultHttpPort : null);
        // A self-contained or AOT app starts through its own host; a framework-dependent one through dotnet.
        IReadOnlyList<string> entrypoint = variant.SelfContained ? [$"{workingDirectory.TrimEnd('/')}/{facts.AssemblyName}"] : ["dotnet", $"{facts.AssemblyName}.dll"];
        var plan = facts.FromPublish
            ? FromPublish(facts, variant, builderImage, runtimeImage, workingDirectory)
            : FromSource(facts, variant, builderImage, runtimeImage, workingDirectory);
        // The header names the image family only when it is the package's choice, not a ContainerBaseImage of the user's.
        var variantText = string.IsNullOrWhiteSpace(options.BaseImage) ? $"{variant.RuntimeFlavor}, {plan.Variant}" : plan.Variant;
        return plan with { Variant = variantText, User = user, Ports = ports, Entrypoint = entrypoint };
    }

    /// <summary>Returns whether MultiStageBuildFrom asks for the image to be made from the publish (empty: the default, publish).</summary>
    public static bool ParseBuildFrom(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "publish" => true,
        "source" => false,
        _ => throw new MultiStageException(Diagnostics.InvalidBuildFrom(value)),
    };

    /// <summary>The image made from this publish's output: no builder stage, no restore, no compile in the engine.</summary>
    private StackPlan FromPublish(ProjectFacts facts, DotNetVariant variant, string builderImage, string runtimeImage, string workingDirectory)
    {
        var rid = string.IsNullOrWhiteSpace(facts.RuntimeIdentifier) ? null : facts.RuntimeIdentifier;
        if (rid is not null && !rid.StartsWith("linux-", StringComparison.OrdinalIgnoreCase))
        {
            throw new MultiStageException(Diagnostics.PublishNotForLinux(rid, facts.ContainerRuntimeIdentifier ?? "linux-x64"));
        }

        var publishDirectory = Path.TrimEndingDirectorySeparator(facts.PublishDirectory ?? throw new MultiStageException(Diagnostics.PublishOutputMissing(null)));
        // A portable publish carries every platform's native assets: the image takes those of the container's runtime only.
        var nativeAssetsFor = rid is null ? facts.ContainerRuntimeIdentifier : null;
        var files = PublishOutput.Files(publishDirectory, facts.PackageFiles, nativeAssetsFor);
        rid ??= nativeAssetsFor;
        return new StackPlan
        {
            Stack = Name,
            BuildFrom = "publish",
            RuntimeIdentifier = rid,
            ContextDirectory = null,
            HostFiles = files,
            Variant = $"{variant.Description}, from the publish{(rid is null ? "" : $" for {rid}")}",
            BuilderImage = builderImage,
            RuntimeImage = runtimeImage,
            WorkingDirectory = workingDirectory,
            User = "",
            Entrypoint = [],
            App = new DotNetApp(Path.GetFileName(facts.ProjectFile), facts.AssemblyName, facts.Configuration, facts.TargetFramework)
            {
                Variant = variant,
                PublishDirectory = Path.GetRelativePath(facts.ProjectDirectory, publishDirectory).Replace('\\', '/') + "/",
                HasDependencies = files.Any(f => f.Path.StartsWith(PublishOutput.Dependencies + "/", StringComparison.Ordinal)),
            },
        };
    }

    /// <summary>The builder stage restores and publishes the sources in the SDK image; the runtime stage takes its output.</summary>
    private StackPlan FromSource(ProjectFacts facts, DotNetVariant variant, string builderImage, string runtimeImage, string workingDirectory)
    {
        var context = DotNetContext.Find(facts);
        // Without the host's restore output (a project that was never restored as a package user's is) the builder restores as it is.
        var feeds = string.IsNullOrEmpty(facts.ProjectAssetsFile) ? null : BuilderFeeds.Plan(facts.ProjectAssetsFile, _answersAnonymously);
        var contextFiles = new Dictionary<string, string>();
        if (facts.PackageFiles.Count > 0)
        {
            contextFiles[DependencyList] = string.Join('\n', facts.PackageFiles.Order(StringComparer.Ordinal)) + "\n";
        }

        if (feeds is not null)
        {
            contextFiles[Path.GetFileName(Context.ContextLayout.NuGetConfig)] = feeds.NuGetConfig;
        }

        return new StackPlan
        {
            Stack = Name,
            BuildFrom = "source",
            RuntimeIdentifier = variant.RuntimeIdentifier,
            ContextDirectory = context.Root,
            ContextExclusions = context.Exclusions.Order(StringComparer.Ordinal).ToList(),
            HostFiles = feeds?.Packages ?? [],
            BuilderSourceRoot = "/src",
            ContextFiles = contextFiles,
            Variant = variant.Description,
            BuilderImage = builderImage,
            RuntimeImage = runtimeImage,
            WorkingDirectory = workingDirectory,
            User = "",
            Entrypoint = [],
            App = new DotNetApp(context.ProjectFile, facts.AssemblyName, facts.Configuration, facts.TargetFramework)
            {
                RestoreFiles = context.RestoreFiles,
                Variant = variant,
                DependencyList = facts.PackageFiles.Count == 0 ? null : $"{Context.ContextLayout.Directory}/{DependencyList}",
                NuGetConfig = feeds is null ? null : Context.ContextLayout.NuGetConfig,
                CarriedPackages = feeds is { Packages.Count: > 0 } ? Context.ContextLayout.CarriedPackages : null,
            },
        };
    }

    /// <summary>Returns the image tag for a TargetFramework: <c>net10.0</c> → <c>10.0</c>.</summary>
    internal static string ImageTagFor(string targetFramework, string projectFile)
    {
        if (string.IsNullOrWhiteSpace(targetFramework) || targetFramework.Contains(';'))
        {
            throw new MultiStageException(Diagnostics.MissingTargetFramework(projectFile));
        }

        var match = TargetFrameworkPattern().Match(targetFramework.Trim());
        if (!match.Success || int.Parse(match.Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture) < 5)
        {
            throw new MultiStageException(Diagnostics.UnsupportedTargetFramework(targetFramework));
        }

        return $"{match.Groups["major"].Value}.{match.Groups["minor"].Value}";
    }

    [GeneratedRegex(@"^net(?<major>\d+)\.(?<minor>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TargetFrameworkPattern();
}

/// <summary>What only the .NET template reads: the project to restore and publish, and how.</summary>
/// <param name="ProjectFile">The project file relative to the context root, forward slashes.</param>
/// <param name="AssemblyName">The entry assembly's name.</param>
/// <param name="Configuration">The configuration to publish.</param>
/// <param name="TargetFramework">The framework to publish.</param>
public sealed record DotNetApp(string ProjectFile, string AssemblyName, string Configuration, string TargetFramework)
{
    /// <summary>Gets the files restore reads (the projects, nuget.config, Directory.*.props/targets, global.json), relative to the context, copied before the sources.</summary>
    public IReadOnlyList<string> RestoreFiles { get; init; } = [];

    /// <summary>Gets how the app is published (framework-dependent, self-contained, AOT).</summary>
    public DotNetVariant Variant { get; init; } = new("framework-dependent", "runtime", "", "", null, false);

    /// <summary>Gets the context path of the list of published files that come from NuGet packages, or null when there are none.</summary>
    public string? DependencyList { get; init; }

    /// <summary>Gets the context path of the nuget.config the builder restores with, or null to restore with the SDK image's defaults.</summary>
    public string? NuGetConfig { get; init; }

    /// <summary>Gets the context folder of the packages carried from this machine for the builder's restore, or null when none are.</summary>
    public string? CarriedPackages { get; init; }

    /// <summary>Gets whether the image is made from the publish output (no builder stage).</summary>
    public bool FromPublish => PublishDirectory is not null;

    /// <summary>Gets the publish folder relative to the project, for the Dockerfile's header, when the image is made from it.</summary>
    public string? PublishDirectory { get; init; }

    /// <summary>Gets whether the publish output has files from NuGet packages (their own layer).</summary>
    public bool HasDependencies { get; init; }

    /// <summary>Gets the line the Native AOT builder check prints when clang or zlib is missing (<c>MSTAGE4005: …</c>), read back from the build output.</summary>
    public string AotBuilderCheck { get; } = $"{Diagnostics.AotBuilderMissing().Code}: {Diagnostics.AotBuilderMissing().Message}";
}
