using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP endpoint on 127.0.0.1 that forwards to the engine's unix socket, and drops every connection
/// — as an engine that dies does — once the engine has sent a given text. The engine itself lives on,
/// so a test can check what the lost build left behind.
/// </summary>
internal sealed partial class EngineProxy : IAsyncDisposable
{
    private const string EngineSocket = "/var/run/docker.sock";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _cutWhenEngineSays;
    private readonly List<Socket> _sockets = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public EngineProxy(string cutWhenEngineSays)
    {
        _cutWhenEngineSays = cutWhenEngineSays;
        _listener.Start();
        DockerHost = $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    /// <summary>Gets the value for DOCKER_HOST.</summary>
    public string DockerHost { get; }

    /// <summary>Gets whether the connections were dropped.</summary>
    public bool Cut => _stop.IsCancellationRequested;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var engine = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await engine.ConnectAsync(new UnixDomainSocketEndPoint(EngineSocket));
            lock (_sockets)
            {
                _sockets.AddRange([client, engine]);
            }

            _ = PumpAsync(client, engine, watch: false);
            _ = PumpAsync(engine, client, watch: true);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool watch)
    {
        var buffer = new byte[16 * 1024];
        var seen = new StringBuilder();
        try
        {
            while (await from.ReceiveAsync(buffer, _stop.Token) is var read and > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), _stop.Token);
                if (watch)
                {
                    // Keep a tail, so the text is found across two reads; BuildKit's trace says it in base64 protobuf.
                    seen.Append(Encoding.UTF8.GetString(buffer, 0, read));
                    if (Says(seen.ToString()))
                    {
                        DropAll();
                        return;
                    }

                    var lastLine = seen.ToString().LastIndexOf('\n');
                    seen.Remove(0, lastLine >= 0 ? lastLine + 1 : Math.Max(0, seen.Length - 64 * 1024));
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The other side went away, or the proxy dropped everything.
        }
    }

    /// <summary>Whether the engine's text says the phrase, in a classic stream's line or in a BuildKit trace's decoded payload.</summary>
    private bool Says(string text) =>
        text.Contains(_cutWhenEngineSays, StringComparison.Ordinal)
        || TracePattern().Matches(text).Any(m => Decoded(m.Groups["aux"].Value).Contains(_cutWhenEngineSays, StringComparison.Ordinal));

    private static string Decoded(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return ""; // cut by a chunk's boundary: the vertex is named again in a later message
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"moby\\.buildkit\\.trace\",\"aux\":\"(?<aux>[A-Za-z0-9+/=]+)\"")]
    private static partial System.Text.RegularExpressions.Regex TracePattern();

    private void DropAll()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        DropAll();
        await _accepting;
        _stop.Dispose();
    }
}
