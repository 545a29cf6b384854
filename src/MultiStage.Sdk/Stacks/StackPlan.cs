namespace MultiStage.Sdk.Stacks;

/// <summary>
/// The template model: everything a stack's Dockerfile template needs, decided before rendering.
/// Shared parts (images, user, ports, environment, labels, entry point) have one shape for every
/// stack; <see cref="App"/> carries what only that stack's template reads.
/// </summary>
public sealed record StackPlan
{
    /// <summary>Gets the stack's name, which is also its template folder (for example <c>dotnet</c>).</summary>
    public required string Stack { get; init; }

    /// <summary>Gets a one-line description of the variant, for the Dockerfile header and the log.</summary>
    public required string Variant { get; init; }

    /// <summary>Gets the build context's root folder, or null when the context is only <see cref="HostFiles"/> (a .NET publish output).</summary>
    public required string? ContextDirectory { get; init; }

    /// <summary>Gets how the app gets into the image: <c>publish</c> (a .NET app's publish output) or <c>source</c> (built in a builder stage).</summary>
    public string BuildFrom { get; init; } = "source";

    /// <summary>Gets the runtime identifier the app was published for, or null when it is portable or not .NET.</summary>
    public string? RuntimeIdentifier { get; init; }

    /// <summary>Gets files put in the context from elsewhere on this machine (context path and source), such as a publish output.</summary>
    public IReadOnlyList<Context.ContextFile> HostFiles { get; init; } = [];

    /// <summary>Gets folders of the context, relative to it, that the build never needs (for example unrelated projects).</summary>
    public IReadOnlyList<string> ContextExclusions { get; init; } = [];

    /// <summary>Gets files the plan adds to the context under <c>.multistage/</c> (name → content), written beside the Dockerfile too.</summary>
    public IReadOnlyDictionary<string, string> ContextFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets where the builder stage puts the context (its WORKDIR), so paths it prints map back to the machine; null when none is known.</summary>
    public string? BuilderSourceRoot { get; init; }

    /// <summary>Gets the builder stage's image.</summary>
    public required string BuilderImage { get; init; }

    /// <summary>Gets the runtime stage's image.</summary>
    public required string RuntimeImage { get; init; }

    /// <summary>Gets the app's folder in the runtime stage.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Gets the USER of the runtime stage (a name, a uid or a variable the base image defines).</summary>
    public required string User { get; init; }

    /// <summary>Gets the exposed ports.</summary>
    public IReadOnlyList<ContainerPort> Ports { get; init; } = [];

    /// <summary>Gets the runtime stage's environment: the stack's own variables, then (after <see cref="PlanAdditions"/>) the user's.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>Gets the image labels: the generated and the user's (<see cref="PlanAdditions"/> adds them).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>Gets the OS packages installed in the runtime stage, as the package manager takes them (<c>name</c> or <c>name=version</c>).</summary>
    public IReadOnlyList<string> OsPackages { get; init; } = [];

    /// <summary>Gets the runtime image's package manager that installs <see cref="OsPackages"/> (<c>apt</c> or <c>apk</c>); null when there are none to install.</summary>
    public string? PackageManager { get; init; }

    /// <summary>Gets the build arguments the builder stages declare (their values reach the engine with the build request).</summary>
    public IReadOnlyList<string> BuildArgs { get; init; } = [];

    /// <summary>Gets the runtime stage's HEALTHCHECK, or null to keep the base image's.</summary>
    public HealthCheck? HealthCheck { get; init; }

    /// <summary>Gets the ENTRYPOINT, in exec form.</summary>
    public required IReadOnlyList<string> Entrypoint { get; init; }

    /// <summary>Gets the CMD, in exec form (ContainerDefaultArgs); empty writes none.</summary>
    public IReadOnlyList<string> DefaultArgs { get; init; } = [];

    /// <summary>
    /// Gets the credential files the builder stages may read but the final image must never hold, as
    /// context-relative names (a name without '/' matches in every folder): <see cref="SecretFileNames.Defaults"/>
    /// and the ContainerSecretFile items.
    /// </summary>
    public IReadOnlyList<string> SecretFiles { get; init; } = [];

    /// <summary>Gets the builder the Dockerfile is rendered for: <c>buildkit</c> (the templates add cache mounts) or <c>classic</c> (no <c>RUN --mount</c>).</summary>
    public string Builder { get; init; } = Engine.Builders.Classic;

    /// <summary>Gets the stack's own part of the model (for .NET, <see cref="DotNetApp"/>).</summary>
    public required object App { get; init; }
}
