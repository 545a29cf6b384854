using MultiStage.Sdk.Context;

namespace MultiStage.Sdk.Engine;

/// <summary>What to build: a rendered Dockerfile, the context it is built from, and the names to give the image.</summary>
public sealed record BuildRequest
{
    /// <summary>Gets the rendered Dockerfile on disk (sent inside the context, and named in error messages).</summary>
    public required string DockerfilePath { get; init; }

    /// <summary>Gets the .dockerignore that decides the context (the stack's defaults merged with the user's).</summary>
    public required string DockerIgnorePath { get; init; }

    /// <summary>Gets the folder the context is taken from, or null for a context of only the injected and host files.</summary>
    public required string? ContextDirectory { get; init; }

    /// <summary>Gets the files put into the context from anywhere on this machine (a publish output, carried NuGet packages), each at its context path.</summary>
    public IReadOnlyList<ContextFile> HostFiles { get; init; } = [];

    /// <summary>Gets the full image references to tag, for example <c>myapp:latest</c>.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Gets where the builder stage puts the context; compiler errors under it are re-emitted at the context's files. Null: none are.</summary>
    public string? BuilderSourceRoot { get; init; }

    /// <summary>Gets the plan's own files, put in the context's <c>.multistage/</c> folder by name.</summary>
    public IReadOnlyList<string> ContextFiles { get; init; } = [];

    /// <summary>Gets a user's Dockerfile's path in the context (sent there, not injected), or null for an injected one.</summary>
    public string? DockerfileInContext { get; init; }

    /// <summary>Gets the stage to build up to, or null for the whole Dockerfile.</summary>
    public string? Target { get; init; }

    /// <summary>Gets the build arguments.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the network RUN steps use (MultiStageBuildNetwork: host, none, a network's name), or null for the engine's default, as <c>docker build</c>.</summary>
    public string? Network { get; init; }

    /// <summary>Gets the builder that runs the build: <see cref="Builders.BuildKit"/> or <see cref="Builders.Classic"/>.</summary>
    public required string Builder { get; init; }

    /// <summary>Reads the .dockerignore that decides the context.</summary>
    internal DockerIgnore ReadDockerIgnore() => DockerIgnore.Parse(File.ReadAllText(DockerIgnorePath), DockerIgnorePath);

    /// <summary>Reads the files put into the context besides the project's: the Dockerfile, the .dockerignore, the plan's files.</summary>
    internal IReadOnlyDictionary<string, byte[]> ReadInjectedFiles() => ContextLayout.InjectedFiles(DockerfilePath, DockerIgnorePath, ContextFiles, DockerfileInContext, Builder == Builders.BuildKit);
}

/// <summary>What a build produced.</summary>
/// <param name="ImageId">The final image's id (<c>sha256:…</c>).</param>
/// <param name="Stages">The stages the engine ran, in order, with their base image and the image each ended with.</param>
/// <param name="CachedSteps">The step numbers the engine took from its cache.</param>
/// <param name="Context">The size of the context sent.</param>
public sealed record BuildResult(string ImageId, IReadOnlyList<BuildStage> Stages, IReadOnlyList<int> CachedSteps, ContextStats Context);
