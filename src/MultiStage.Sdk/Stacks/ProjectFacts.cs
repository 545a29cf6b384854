namespace MultiStage.Sdk.Stacks;

/// <summary>
/// What MSBuild knows about the project being containerized: the only input stacks read.
/// Paths are absolute.
/// </summary>
public sealed record ProjectFacts
{
    /// <summary>Gets the project file (the .csproj for .NET, the small SDK project for other stacks).</summary>
    public required string ProjectFile { get; init; }

    /// <summary>Gets the build context's root when the user chose one (MultiStageContextDirectory); null lets the stack decide.</summary>
    public string? ContextDirectory { get; init; }

    /// <summary>Gets the projects this one references, directly or not (.NET), as full paths.</summary>
    public IReadOnlyList<string> ReferencedProjects { get; init; } = [];

    /// <summary>Gets the build files MSBuild imported from outside the project (Directory.Build.props/.targets, Directory.Packages.props).</summary>
    public IReadOnlyList<string> ImportedBuildFiles { get; init; } = [];

    /// <summary>Gets the assembly name (the .NET app's entry DLL without extension).</summary>
    public string AssemblyName { get; init; } = "";

    /// <summary>Gets the single target framework being published, for example <c>net10.0</c>.</summary>
    public string TargetFramework { get; init; } = "";

    /// <summary>Gets whether the project uses the web SDK (Microsoft.NET.Sdk.Web).</summary>
    public bool IsWebProject { get; init; }

    /// <summary>Gets the published files that come from NuGet packages, relative to the publish folder (.NET).</summary>
    public IReadOnlyList<string> PackageFiles { get; init; } = [];

    /// <summary>Gets whether the app is published self-contained (SelfContained).</summary>
    public bool SelfContained { get; init; }

    /// <summary>Gets whether the app is trimmed (PublishTrimmed).</summary>
    public bool PublishTrimmed { get; init; }

    /// <summary>Gets whether the app is compiled ahead of time (PublishAot).</summary>
    public bool PublishAot { get; init; }

    /// <summary>Gets whether the app runs without ICU (InvariantGlobalization).</summary>
    public bool InvariantGlobalization { get; init; }

    /// <summary>Gets the project's RuntimeIdentifier, when it sets one (its architecture is kept for the Linux RID).</summary>
    public string? RuntimeIdentifier { get; init; }

    /// <summary>Gets whether a .NET app's image is made from this publish's output (MultiStageBuildFrom=publish) rather than built from the sources in a builder stage.</summary>
    public bool FromPublish { get; init; }

    /// <summary>Gets the folder this publish wrote the app to (PublishDir), for an image made from the publish.</summary>
    public string? PublishDirectory { get; init; }

    /// <summary>Gets the runtime identifier the image's app is for when the project does not publish for one itself (ContainerRuntimeIdentifier).</summary>
    public string? ContainerRuntimeIdentifier { get; init; }

    /// <summary>Gets the build configuration, for example <c>Release</c>.</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>Gets the project's project.assets.json (ProjectAssetsFile): the builder's feeds are worked out from this machine's restore.</summary>
    public string? ProjectAssetsFile { get; init; }

    /// <summary>Gets the folder of <see cref="ProjectFile"/>.</summary>
    public string ProjectDirectory => Path.GetDirectoryName(ProjectFile)!;

    /// <summary>Gets the context for a stack whose context is the app's own folder unless the user chose another.</summary>
    public string ContextOrProjectDirectory => ContextDirectory ?? ProjectDirectory;
}
