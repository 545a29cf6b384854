using System.Text.RegularExpressions;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// A .NET project: restored and published by the SDK image, run on <c>aspnet</c> (web SDK) or
/// <c>runtime</c>, at the tag of the project's TargetFramework, as the images' non-root <c>app</c> user.
/// </summary>
public sealed partial class DotNetStack : IStack
{
    /// <summary>Gets the repository the official .NET images live in.</summary>
    public const string ImageRepository = "mcr.microsoft.com/dotnet";

    /// <summary>The list of published files that come from NuGet packages, put in the context for the builder.</summary>
    private const string DependencyList = "package-files.txt";

    /// <summary>The port ASP.NET Core listens on in the official images (ASPNETCORE_HTTP_PORTS).</summary>
    private const int DefaultHttpPort = 8080;

    /// <inheritdoc />
    public string Name => "dotnet";

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
        var workingDirectory = string.IsNullOrWhiteSpace(options.WorkingDirectory) ? "/app" : options.WorkingDirectory;

        var context = DotNetContext.Find(facts);
        return new StackPlan
        {
            Stack = Name,
            ContextDirectory = context.Root,
            ContextExclusions = context.Exclusions.Order(StringComparer.Ordinal).ToList(),
            BuilderSourceRoot = "/src",
            ContextFiles = facts.PackageFiles.Count == 0
                ? new Dictionary<string, string>()
                : new Dictionary<string, string> { [DependencyList] = string.Join('\n', facts.PackageFiles.Order(StringComparer.Ordinal)) + "\n" },
            Variant = $"{variant.RuntimeFlavor}, {variant.Description}",
            BuilderImage = builderImage,
            RuntimeImage = runtimeImage,
            WorkingDirectory = workingDirectory,
            // The official images define APP_UID (1654, user 'app'); USER expands it at build time.
            User = string.IsNullOrWhiteSpace(options.User) ? "$APP_UID" : options.User,
            Ports = options.Ports.Count > 0 || !facts.IsWebProject ? options.Ports : [new ContainerPort(DefaultHttpPort)],
            Environment = options.Environment,
            Labels = options.Labels,
            // A self-contained or AOT app starts through its own host; a framework-dependent one through dotnet.
            Entrypoint = variant.SelfContained ? [$"{workingDirectory.TrimEnd('/')}/{facts.AssemblyName}"] : ["dotnet", $"{facts.AssemblyName}.dll"],
            App = new DotNetApp(context.ProjectFile, facts.AssemblyName, facts.Configuration, facts.TargetFramework)
            {
                RestoreFiles = context.RestoreFiles,
                Variant = variant,
                DependencyList = facts.PackageFiles.Count == 0 ? null : $"{Context.ContextLayout.Directory}/{DependencyList}",
                ToolFeed = string.IsNullOrEmpty(facts.ToolPackage) ? null : Context.ContextLayout.ToolFeed,
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

    /// <summary>Gets the context folder holding this package as a feed for the restore, or null.</summary>
    public string? ToolFeed { get; init; }
}
