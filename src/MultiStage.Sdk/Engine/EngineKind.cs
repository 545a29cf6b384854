using Docker.DotNet.Models;

namespace MultiStage.Sdk.Engine;

/// <summary>Which engine serves the Docker API: their build streams, short ids and FROM steps differ.</summary>
public enum EngineKind
{
    /// <summary>Docker Engine (moby): the classic builder's <c>Step N/M : …</c> stream.</summary>
    Docker,

    /// <summary>Podman's Docker-compatible service (<c>podman system service</c>): Buildah's <c>[i/n] STEP k/m: …</c> stream.</summary>
    Podman,
}

/// <summary>Tells the engine kind from its <c>/version</c> answer.</summary>
internal static class EngineKinds
{
    /// <summary>The component Podman lists in <c>/version</c>; Docker lists <c>Engine</c>.</summary>
    private const string PodmanComponent = "Podman Engine";

    /// <summary>Returns the kind and version of the engine that gave <paramref name="version"/>.</summary>
    public static (EngineKind Kind, string Version) FromVersion(VersionResponse version)
    {
        var podman = version.Components?.FirstOrDefault(c => string.Equals(c.Name, PodmanComponent, StringComparison.OrdinalIgnoreCase));
        return podman is not null
            ? (EngineKind.Podman, podman.Version ?? version.Version ?? "")
            : (EngineKind.Docker, version.Version ?? "");
    }
}
