using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Docker.DotNet;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// A connection to a Docker engine, found as the docker CLI finds it (see <see cref="EngineEndpoint"/>),
/// over TLS when the endpoint asks for it.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    private DockerEngine(DockerClient client, EngineEndpoint endpoint)
    {
        Client = client;
        Resolved = endpoint;
    }

    /// <summary>Gets the endpoint in use, for messages.</summary>
    public string Endpoint => Resolved.Address;

    /// <summary>Gets the endpoint and where it came from.</summary>
    public EngineEndpoint Resolved { get; }

    /// <summary>Gets which engine answers, from its <c>/version</c> (Podman lists a "Podman Engine" component).</summary>
    public EngineKind Kind { get; private set; }

    /// <summary>Gets the engine's version as it reports it, for messages.</summary>
    public string Version { get; private set; } = "";

    /// <summary>Gets the architecture of the images the engine runs, as Go names it (<c>amd64</c>, <c>arm64</c>); empty when it does not say.</summary>
    public string Architecture { get; private set; } = "";

    /// <summary>Gets the Engine API version the engine speaks (<c>1.41</c>); empty when it does not say.</summary>
    public string ApiVersion { get; private set; } = "";

    /// <summary>Gets the operating system of the engine's containers (<c>linux</c>, <c>windows</c>); empty when it does not say.</summary>
    public string Os { get; private set; } = "";

    /// <summary>Gets the engine for messages: <c>Docker 20.10.24</c>, <c>Podman 4.3.1</c>.</summary>
    public string Description => $"{Kind} {Version}".TrimEnd();

    internal DockerClient Client { get; }

    /// <summary>Resolves the endpoint, connects and asks the engine's version; throws MSTAGE3001 naming the endpoint when nothing answers, MSTAGE3005 when TLS fails.</summary>
    /// <param name="dockerHost">MultiStageDockerHost: an address that overrides DOCKER_HOST and contexts, or null.</param>
    /// <param name="cancellationToken">Stops the ping.</param>
    /// <param name="log">Gets the warning for a config.json that cannot be read; null: none is shown.</param>
    public static async Task<DockerEngine> ConnectAsync(string? dockerHost, CancellationToken cancellationToken, IBuildLog? log = null)
    {
        var endpoint = EngineEndpoint.Resolve(dockerHost, log is null ? null : log.Warning);
        string? rejection = null;
        DockerClient client;
        try
        {
            // Builds stream for minutes: no request timeout; cancellation stops them instead.
            var builder = new DockerClientBuilder().WithEndpoint(endpoint.Host).WithTimeout(Timeout.InfiniteTimeSpan);
            if (endpoint.Tls is { } tls)
            {
                builder = builder.WithAuthProvider(tls.CreateCredentials(endpoint.Origin, reason => rejection = reason));
            }

            client = builder.Build();
        }
        catch (Exception e) when (e is DockerConfigurationException or UriFormatException or ArgumentException or NotSupportedException or InvalidOperationException)
        {
            throw new MultiStageException(Diagnostics.EngineConfigurationInvalid($"{endpoint}: {e.Message.TrimEnd('.')}"), e);
        }

        var engine = new DockerEngine(client, endpoint);
        try
        {
            using var ping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ping.CancelAfter(TimeSpan.FromSeconds(30));
            // One round trip: /version answers whatever /_ping would, and says which engine it is.
            var version = await client.System.GetVersionAsync(ping.Token).ConfigureAwait(false);
            (engine.Kind, engine.Version) = EngineKinds.FromVersion(version);
            engine.Architecture = version.Arch ?? "";
            engine.ApiVersion = version.APIVersion ?? "";
            engine.Os = version.Os ?? "";
            return engine;
        }
        catch (Exception e) when (IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            engine.Dispose();
            if (endpoint.Tls is { } tls && IsHandshakeFailure(e))
            {
                throw new MultiStageException(TlsFailure(endpoint, tls, rejection), e);
            }

            throw new MultiStageException(Diagnostics.EngineUnreachable(endpoint.Address, endpoint.Origin, Describe(e, endpoint.Host)), e);
        }
    }

    /// <summary>Why a handshake failed and what to check: the engine's certificate when we refused it, else our client certificate.</summary>
    internal static Diagnostic TlsFailure(EngineEndpoint endpoint, EngineTls tls, string? rejection)
    {
        var host = endpoint.Address;
        if (rejection is not null)
        {
            var skip = endpoint.Origin.StartsWith("context", StringComparison.Ordinal) ? "a context created with skip-tls-verify=true" : "DOCKER_TLS instead of DOCKER_TLS_VERIFY";
            return Diagnostics.EngineTlsFailed(host, endpoint.Origin, rejection,
                $"that the engine's certificate (dockerd --tlscert) is signed by {(tls.CaFile is null ? "a CA this machine trusts" : $"the CA in '{tls.CaFile}'")} and names the host in the endpoint; {skip} skips this check");
        }

        return Diagnostics.EngineTlsFailed(host, endpoint.Origin,
            tls.CertFile is null ? $"the engine asks for a client certificate and there is no cert.pem and key.pem in '{tls.Folder}'" : $"the engine did not accept the client certificate '{tls.CertFile}'",
            "that cert.pem and key.pem are a client certificate signed by the CA the engine trusts (dockerd --tlscacert), and that the endpoint is the engine you meant");
    }

    /// <summary>Returns whether an exception means the engine could not be talked to (as opposed to a bug).</summary>
    internal static bool IsConnectionFailure(Exception e) =>
        e is HttpRequestException or SocketException or IOException or AuthenticationException or TimeoutException or OperationCanceledException or DockerApiException
        || (e is AggregateException a && a.InnerExceptions.All(IsConnectionFailure));

    /// <summary>A short reason a person can act on, rather than the socket layer's wording.</summary>
    internal static string Describe(Exception e, Uri endpoint)
    {
        if (endpoint.Scheme == "unix" && !File.Exists(endpoint.LocalPath))
        {
            return "the socket file does not exist";
        }

        var root = Root(e);
        return root switch
        {
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
            SocketException { SocketErrorCode: SocketError.AccessDenied } => "permission denied: add your user to the 'docker' group or use a rootless engine",
            OperationCanceledException or TimeoutException => "no answer within 30 seconds",
            DockerApiException api when (api.ResponseBody ?? "").Contains("HTTPS server", StringComparison.Ordinal) => "the engine expects TLS: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the folder with ca.pem, cert.pem and key.pem",
            IOException => "the connection closed in the middle of the engine's answer",
            _ => root.Message.TrimEnd('.'),
        };
    }

    /// <summary>Whether the TLS handshake failed, wherever the client library wrapped that.</summary>
    internal static bool IsHandshakeFailure(Exception e) =>
        e is AuthenticationException
        || (e is AggregateException a ? a.InnerExceptions.Any(IsHandshakeFailure) : e.InnerException is { } inner && IsHandshakeFailure(inner));

    private static Exception Root(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();

    /// <summary>The engine's message from an error answer (<c>{"message": …}</c>), else its status.</summary>
    internal static string Answer(DockerApiException e)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(e.ResponseBody ?? "");
            if (json.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: the status says enough.
        }

        return $"the engine answered {(int)e.StatusCode} {e.StatusCode}";
    }
}
