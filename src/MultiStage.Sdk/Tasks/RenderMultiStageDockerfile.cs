using Microsoft.Build.Framework;
using MultiStage.Sdk.Context;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Rendering;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tasks;

/// <summary>Renders the project's multi-stage Dockerfile and .dockerignore into <see cref="OutputDirectory"/>. Needs no engine.</summary>
public sealed class RenderMultiStageDockerfile : MultiStageTask
{
    /// <summary>Gets or sets the project file being containerized.</summary>
    [Required]
    public string ProjectFile { get; set; } = "";

    /// <summary>Gets or sets the build context's root folder (MultiStageContextDirectory); empty lets the stack decide.</summary>
    public string? ContextDirectory { get; set; }

    /// <summary>Gets or sets the projects this one references (.NET ProjectReference items, transitive ones included).</summary>
    public ITaskItem[] ReferencedProjects { get; set; } = [];

    /// <summary>Gets or sets the build files MSBuild imported from above the project (Directory.Build.props/.targets, Directory.Packages.props).</summary>
    public string[] ImportedBuildFiles { get; set; } = [];

    /// <summary>Gets or sets the folder the package's templates are read from.</summary>
    [Required]
    public string TemplatesDirectory { get; set; } = "";

    /// <summary>Gets or sets the folder the Dockerfile and .dockerignore are written to.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>Gets or sets the stack (MultiStageStack): <c>auto</c> or a stack's name.</summary>
    public string? Stack { get; set; }

    /// <summary>Gets or sets the entry assembly's name.</summary>
    public string AssemblyName { get; set; } = "";

    /// <summary>Gets or sets the target framework being published.</summary>
    public string TargetFramework { get; set; } = "";

    /// <summary>Gets or sets the configuration being published.</summary>
    public string Configuration { get; set; } = "Release";

    /// <summary>Gets or sets whether the project uses the web SDK.</summary>
    public bool IsWebProject { get; set; }

    /// <summary>Gets or sets the files the publish produced (ResolvedFileToPublish, metadata RelativePath and NuGetPackageId).</summary>
    public ITaskItem[] PublishedFiles { get; set; } = [];

    /// <summary>Gets or sets whether the app is published self-contained (SelfContained).</summary>
    public bool SelfContained { get; set; }

    /// <summary>Gets or sets whether the app is trimmed (PublishTrimmed).</summary>
    public bool PublishTrimmed { get; set; }

    /// <summary>Gets or sets whether the app is compiled ahead of time (PublishAot).</summary>
    public bool PublishAot { get; set; }

    /// <summary>Gets or sets whether the app runs without ICU (InvariantGlobalization).</summary>
    public bool InvariantGlobalization { get; set; }

    /// <summary>Gets or sets how a .NET app's image is made (MultiStageBuildFrom): <c>publish</c> (the default) or <c>source</c>.</summary>
    public string? BuildFrom { get; set; }

    /// <summary>Gets or sets the folder this publish wrote the app to (PublishDir).</summary>
    public string? PublishDirectory { get; set; }

    /// <summary>Gets or sets the runtime identifier a containerized app is published for (ContainerRuntimeIdentifier).</summary>
    public string? ContainerRuntimeIdentifier { get; set; }

    /// <summary>Gets or sets the project's RuntimeIdentifier.</summary>
    public string? RuntimeIdentifier { get; set; }

    /// <summary>Gets or sets the image family appended to the .NET images' tags (ContainerFamily).</summary>
    public string? Family { get; set; }

    /// <summary>Gets or sets the runtime stage's base image (ContainerBaseImage).</summary>
    public string? BaseImage { get; set; }

    /// <summary>Gets or sets the builder stage's image (ContainerBuilderImage).</summary>
    public string? BuilderImage { get; set; }

    /// <summary>Gets or sets the user the app runs as (ContainerUser).</summary>
    public string? User { get; set; }

    /// <summary>Gets or sets the app's folder in the image (ContainerWorkingDirectory).</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Gets or sets the folder of a Go app's main package (MultiStageGoMain).</summary>
    public string? GoMain { get; set; }

    /// <summary>Gets or sets the PHP runtime variant (MultiStagePhpRuntime): fpm, apache or cli.</summary>
    public string? PhpRuntime { get; set; }

    /// <summary>Gets or sets the ContainerPort items (Include: number; metadata Type: tcp or udp).</summary>
    public ITaskItem[] Ports { get; set; } = [];

    /// <summary>Gets or sets the ContainerEnvironmentVariable items (Include: name; metadata Value).</summary>
    public ITaskItem[] EnvironmentVariables { get; set; } = [];

    /// <summary>Gets or sets the ContainerLabel items (Include: key; metadata Value).</summary>
    public ITaskItem[] Labels { get; set; } = [];

    /// <summary>Gets or sets the OCI labels the targets generate (Include: key; metadata Value); ContainerLabel items win over them.</summary>
    public ITaskItem[] GeneratedLabels { get; set; } = [];

    /// <summary>Gets or sets the ContainerOsPackage items (Include: package name; optional metadata Version).</summary>
    public ITaskItem[] OsPackages { get; set; } = [];

    /// <summary>Gets or sets the runtime image's package manager (ContainerOsPackageManager): apt, apk, or empty to choose by the image's name.</summary>
    public string? OsPackageManager { get; set; }

    /// <summary>Gets or sets the ContainerBuildArg items (Include: name); the builder stages declare them, their values go to the engine.</summary>
    public ITaskItem[] BuildArgs { get; set; } = [];

    /// <summary>Gets or sets the ContainerAppFile items (Include: a file or folder of the app, relative to it) a Node app's final stage also copies.</summary>
    public ITaskItem[] AppFiles { get; set; } = [];

    /// <summary>Gets or sets the health check command (ContainerHealthCheck): a JSON array for exec form, a shell command, or NONE.</summary>
    public string? HealthCheck { get; set; }

    /// <summary>Gets or sets the time between health checks (ContainerHealthCheckInterval), for example 30s.</summary>
    public string? HealthCheckInterval { get; set; }

    /// <summary>Gets or sets how long one health check may take (ContainerHealthCheckTimeout).</summary>
    public string? HealthCheckTimeout { get; set; }

    /// <summary>Gets or sets how long the app may take to start before failed checks count (ContainerHealthCheckStartPeriod).</summary>
    public string? HealthCheckStartPeriod { get; set; }

    /// <summary>Gets or sets how many failed checks in a row make the container unhealthy (ContainerHealthCheckRetries).</summary>
    public string? HealthCheckRetries { get; set; }

    /// <summary>Gets or sets the ContainerAppCommand items: the app's command, one word an item; none lets the stack choose.</summary>
    public ITaskItem[] AppCommand { get; set; } = [];

    /// <summary>Gets or sets the ContainerAppCommandArgs items: arguments appended to the app's command.</summary>
    public ITaskItem[] AppCommandArgs { get; set; } = [];

    /// <summary>Gets or sets the ContainerDefaultArgs items: the image's CMD, which <c>docker run</c> arguments replace.</summary>
    public ITaskItem[] DefaultArgs { get; set; } = [];

    /// <summary>Gets or sets the ContainerSecretFile items: more credential files, relative to the context, that no final image may hold.</summary>
    public ITaskItem[] SecretFiles { get; set; } = [];

    /// <summary>Gets or sets the project's project.assets.json (ProjectAssetsFile), read with the restore's other output for the builder's feeds.</summary>
    public string? ProjectAssetsFile { get; set; }

    /// <summary>Gets or sets a user's own Scriban template for the Dockerfile (MultiStageTemplate), rendered with the same model.</summary>
    public string? Template { get; set; }

    /// <summary>Gets or sets a user's own Dockerfile (MultiStageDockerfile), built as it is instead of a rendered one.</summary>
    public string? Dockerfile { get; set; }

    /// <summary>Gets or sets MultiStageBuilder: <c>auto</c> (empty too), <c>buildkit</c> (cache mounts) or <c>classic</c> (no <c>RUN --mount</c>).</summary>
    public string? Builder { get; set; }

    /// <summary>Gets or sets whether <c>auto</c> asks the engine which builder it offers (a publish that builds); else it is BuildKit.</summary>
    public bool AskEngineForBuilder { get; set; }

    /// <summary>Gets or sets MultiStageDockerHost, the engine asked when <see cref="AskEngineForBuilder"/> is set.</summary>
    public string? DockerHost { get; set; }

    /// <summary>Gets the rendered Dockerfile's path.</summary>
    [Output]
    public string DockerfilePath { get; private set; } = "";

    /// <summary>Gets the rendered .dockerignore's path.</summary>
    [Output]
    public string DockerIgnorePath { get; private set; } = "";

    /// <summary>Gets the plan.json written beside the Dockerfile: everything the build and the push read of the plan.</summary>
    [Output]
    public string PlanPath { get; private set; } = "";

    /// <inheritdoc />
    protected override async Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var host = NullIfBlank(DockerHost);
        var builder = await Builders.ResolveAsync(Builder, AskEngineForBuilder, host, StartMultiStageEngineConnection.Find(BuildEngine4, host), cancellationToken).ConfigureAwait(false);
        var facts = new ProjectFacts
        {
            ProjectFile = Path.GetFullPath(ProjectFile),
            ContextDirectory = string.IsNullOrWhiteSpace(ContextDirectory) ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(ContextDirectory)),
            ReferencedProjects = [.. ReferencedProjects.Select(p => p.GetMetadata("FullPath"))],
            ImportedBuildFiles = [.. ImportedBuildFiles.Where(f => !string.IsNullOrWhiteSpace(f))],
            AssemblyName = AssemblyName,
            TargetFramework = TargetFramework,
            Configuration = Configuration,
            IsWebProject = IsWebProject,
            SelfContained = SelfContained,
            PackageFiles = [.. PublishedFiles.Where(f => f.GetMetadata("NuGetPackageId").Length > 0).Select(f => f.GetMetadata("RelativePath").Replace('\\', '/')).Where(p => p.Length > 0).Distinct()],
            PublishTrimmed = PublishTrimmed,
            PublishAot = PublishAot,
            InvariantGlobalization = InvariantGlobalization,
            RuntimeIdentifier = NullIfBlank(RuntimeIdentifier),
            ProjectAssetsFile = NullIfBlank(ProjectAssetsFile),
            FromPublish = DotNetStack.ParseBuildFrom(BuildFrom),
            PublishDirectory = NullIfBlank(PublishDirectory) is { } publish ? Path.GetFullPath(publish) : null,
            ContainerRuntimeIdentifier = NullIfBlank(ContainerRuntimeIdentifier),
        };
        var options = new ContainerOptions
        {
            BaseImage = BaseImage,
            Family = Family,
            BuilderImage = BuilderImage,
            User = User,
            WorkingDirectory = WorkingDirectory,
            GoMain = GoMain,
            PhpRuntime = PhpRuntime,
            Ports = [.. Ports.Select(p => ContainerPort.Parse(p.ItemSpec, p.GetMetadata("Type")))],
            Environment = [.. EnvironmentVariables.Select(Pair)],
            Labels = ImageLabels.Merge(GeneratedLabels.Select(Pair), [.. Labels.Select(Pair)]),
            OsPackages = [.. OsPackages.Select(p => new OsPackage(p.ItemSpec, p.GetMetadata("Version")))],
            OsPackageManager = OsPackageManager,
            BuildArgs = [.. BuildArgs.Select(a => a.ItemSpec)],
            AppFiles = [.. AppFiles.Select(f => f.ItemSpec)],
            HealthCheck = new HealthCheckSettings(HealthCheck, HealthCheckInterval, HealthCheckTimeout, HealthCheckStartPeriod, HealthCheckRetries),
            AppCommand = AppCommand.Length > 0 ? [.. AppCommand.Select(a => a.ItemSpec)] : null,
            AppCommandArgs = [.. AppCommandArgs.Select(a => a.ItemSpec)],
            DefaultArgs = [.. DefaultArgs.Select(a => a.ItemSpec)],
            SecretFiles = [.. SecretFiles.Select(f => f.ItemSpec)],
            Builder = builder,
        };

        var source = new DockerfileSource(TemplatesDirectory, NullIfBlank(Template), NullIfBlank(Dockerfile));
        var rendered = DockerfileOutput.Write(facts, options, Stack, source, OutputDirectory);
        (DockerfilePath, DockerIgnorePath, PlanPath) = (rendered.DockerfilePath, rendered.DockerIgnorePath, rendered.PlanPath);
        var made = source.Dockerfile is null ? $"{rendered.Plan.Stack}: {rendered.Plan.Variant}" : "MultiStageDockerfile, built as it is";
        Log.LogMessage(MessageImportance.High, "{0} -> {1} ({2})", Path.GetFileNameWithoutExtension(ProjectFile), DockerfilePath, made);
        var carried = rendered.Plan.HostFiles.Count(f => f.Path.StartsWith(ContextLayout.CarriedPackages + "/", StringComparison.Ordinal));
        if (carried > 0)
        {
            Log.LogMessage(MessageImportance.Normal, "{0} NuGet package(s) the builder cannot download (folder feeds, sources with credentials) are carried into its context from this machine.", carried);
        }
    }

    private static KeyValuePair<string, string> Pair(ITaskItem item) => new(item.ItemSpec, item.GetMetadata("Value"));
}
