using System.Net.Http;
using System.Net.Sockets;
using Docker.DotNet;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// A connection to a Docker engine, resolved as the docker CLI resolves it: DOCKER_HOST, then the
/// current context (DOCKER_CONTEXT or ~/.docker/config.json), then the platform's default socket.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    private DockerEngine(DockerClient client) => Client = client;

    /// <summary>Gets the endpoint in use, for messages.</summary>
    public string Endpoint => Client.Options.Endpoint.ToString();

    /// <summary>Gets which engine answers, from its <c>/version</c> (Podman lists a "Podman Engine" component).</summary>
    public EngineKind Kind { get; private set; }

    /// <summary>Gets the engine's version as it reports it, for messages.</summary>
    public string Version { get; private set; } = "";

    /// <summary>Gets the engine for messages: <c>Docker 20.10.24</c>, <c>Podman 4.3.1</c>.</summary>
    public string Description => $"{Kind} {Version}".TrimEnd();

    internal DockerClient Client { get; }

    /// <summary>Connects and pings; throws MSTAGE3001 naming the endpoint when nothing answers.</summary>
    public static async Task<DockerEngine> ConnectAsync(CancellationToken cancellationToken)
    {
        DockerClient client;
        try
        {
            // Builds stream for minutes: no request timeout; cancellation stops them instead.
            client = new DockerClientBuilder().WithTimeout(Timeout.InfiniteTimeSpan).Build();
        }
        catch (Exception e) when (e is DockerConfigurationException or UriFormatException or ArgumentException or NotSupportedException)
        {
            throw new MultiStageException(Diagnostics.EngineConfigurationInvalid(e.Message), e);
        }

        var engine = new DockerEngine(client);
        try
        {
            using var ping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ping.CancelAfter(TimeSpan.FromSeconds(30));
            await client.System.PingAsync(ping.Token).ConfigureAwait(false);
            (engine.Kind, engine.Version) = EngineKinds.FromVersion(await client.System.GetVersionAsync(ping.Token).ConfigureAwait(false));
            return engine;
        }
        catch (Exception e) when (IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            var endpoint = engine.Endpoint;
            engine.Dispose();
            throw new MultiStageException(Diagnostics.EngineUnreachable(endpoint, Describe(e, client.Options.Endpoint)), e);
        }
    }

    /// <summary>Returns whether an exception means the engine could not be talked to (as opposed to a bug).</summary>
    internal static bool IsConnectionFailure(Exception e) =>
        e is HttpRequestException or SocketException or IOException or TimeoutException or OperationCanceledException or DockerApiException
        || (e is AggregateException a && a.InnerExceptions.All(IsConnectionFailure));

    /// <summary>A short reason a person can act on, rather than the socket layer's wording.</summary>
    internal static string Describe(Exception e, Uri endpoint)
    {
        if (endpoint.Scheme == "unix" && !File.Exists(endpoint.LocalPath))
        {
            return "the socket file does not exist";
        }

        var root = e;
        while (root.InnerException is not null)
        {
            root = root.InnerException;
        }

        return root switch
        {
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
            SocketException { SocketErrorCode: SocketError.AccessDenied } => "permission denied: add your user to the 'docker' group or use a rootless engine",
            OperationCanceledException or TimeoutException => "no answer within 30 seconds",
            IOException => "the connection closed in the middle of the engine's answer",
            _ => root.Message.TrimEnd('.'),
        };
    }

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();
}
