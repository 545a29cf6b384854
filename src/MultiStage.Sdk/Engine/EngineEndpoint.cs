using System.Runtime.InteropServices;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// Where the engine is and how to talk to it, resolved by the docker CLI's rules: MultiStageDockerHost
/// (as <c>docker -H</c>), else DOCKER_HOST, else DOCKER_CONTEXT, else <c>currentContext</c> in
/// <c>$DOCKER_CONFIG/config.json</c>, else the default socket. A host given directly (MultiStageDockerHost,
/// DOCKER_HOST, or none) takes its TLS from DOCKER_TLS_VERIFY, DOCKER_TLS and DOCKER_CERT_PATH; a context
/// takes it from its own store.
/// </summary>
/// <param name="Host">The engine's address: <c>unix://</c>, <c>tcp://host:port</c> or <c>npipe://</c>.</param>
/// <param name="Origin">Where the address came from, for messages: <c>DOCKER_HOST</c>, <c>context 'x' (DOCKER_CONTEXT)</c>, ….</param>
/// <param name="Tls">How to secure a tcp connection; null for none.</param>
public sealed record EngineEndpoint(Uri Host, string Origin, EngineTls? Tls)
{
    private const string DefaultContext = "default";

    /// <summary>Resolves the endpoint from the process environment and the user's docker configuration.</summary>
    /// <param name="dockerHost">MultiStageDockerHost: an address that overrides everything else, or null.</param>
    /// <param name="warn">Told when config.json cannot be read (the engine is then found without it, as by the CLI).</param>
    public static EngineEndpoint Resolve(string? dockerHost, Action<Diagnostic>? warn = null) =>
        Resolve(dockerHost, Environment.GetEnvironmentVariable, null, warn);

    /// <summary>Resolves the endpoint from <paramref name="environment"/> and the docker configuration under <paramref name="home"/> (for tests).</summary>
    internal static EngineEndpoint Resolve(string? dockerHost, Func<string, string?> environment, string? home, Action<Diagnostic>? warn = null)
    {
        string? Variable(string name) => environment(name) is { Length: > 0 } value ? value : null;

        var configDirectory = DockerConfigFile.Directory(environment, home);
        var tls = EngineTls.FromEnvironment(Variable("DOCKER_TLS_VERIFY") is not null, Variable("DOCKER_TLS") is not null, Variable("DOCKER_CERT_PATH") ?? configDirectory);

        if (!string.IsNullOrWhiteSpace(dockerHost))
        {
            return Direct(dockerHost.Trim(), "MultiStageDockerHost", tls);
        }

        if (Variable("DOCKER_HOST") is { } host)
        {
            return Direct(host, "DOCKER_HOST", tls);
        }

        var (context, from) = Variable("DOCKER_CONTEXT") is { } named ? (named, "DOCKER_CONTEXT") : CurrentContext(configDirectory, warn);
        return context is null or DefaultContext
            ? Direct(null, context is null ? "the default, as no DOCKER_HOST or context is set" : $"context '{DefaultContext}' ({from})", tls)
            : new DockerContextStore(configDirectory).Load(context, $"context '{context}' ({from})");
    }

    /// <summary>Parses an address as the docker CLI does: a scheme is required, and tcp without a port gets 2376 with TLS, 2375 without.</summary>
    internal static Uri ParseHost(string value, string origin, bool tls)
    {
        // The CLI writes a named pipe as npipe:////./pipe/name; Uri wants npipe://./pipe/name.
        if (!Uri.TryCreate(value.Replace("npipe:////./", "npipe://./", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Scheme is not ("tcp" or "unix" or "npipe" or "ssh"))
        {
            throw new MultiStageException(Diagnostics.EngineConfigurationInvalid($"{origin} '{value}' is not an engine address (use tcp://host:port, unix:///path/to/docker.sock or npipe:////./pipe/name)"));
        }

        if (uri.Scheme == "ssh")
        {
            throw new MultiStageException(Diagnostics.SshEngineNotSupported(value, origin));
        }

        if (uri.Scheme == "tcp" && uri.Port < 0)
        {
            uri = new UriBuilder(uri) { Port = tls ? 2376 : 2375 }.Uri;
        }

        return uri;
    }

    private static EngineEndpoint Direct(string? host, string origin, EngineTls? tls)
    {
        // As the CLI: TLS settings with no address mean the TLS port on this machine.
        var uri = host is not null ? ParseHost(host, origin, tls is not null)
            : tls is not null ? new Uri("tcp://localhost:2376")
            : DefaultSocket;
        return new EngineEndpoint(uri, origin, uri.Scheme == "tcp" ? tls : null);
    }

    private static Uri DefaultSocket => RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
        ? new Uri("npipe://./pipe/docker_engine")
        : new Uri("unix:///var/run/docker.sock");

    private static (string? Name, string From) CurrentContext(string configDirectory, Action<Diagnostic>? warn)
    {
        var from = $"currentContext in {Path.Combine(configDirectory, "config.json")}";
        try
        {
            return (DockerConfigFile.Load(configDirectory).CurrentContext, from);
        }
        catch (CredentialReadException e)
        {
            warn?.Invoke(Diagnostics.DockerConfigUnreadable(e.Place, e.Reason));
            return (null, from);
        }
    }

    /// <summary>Gets the address as people write it: <c>tcp://host:port</c> without the slash <see cref="Uri"/> adds.</summary>
    public string Address => Host.Scheme == "tcp" ? Host.GetLeftPart(UriPartial.Authority) : Host.ToString();

    /// <inheritdoc />
    public override string ToString() => $"{Address} (from {Origin})";
}
