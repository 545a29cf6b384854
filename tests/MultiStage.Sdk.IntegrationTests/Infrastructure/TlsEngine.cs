using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.X509;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// A second dockerd, started beside the main one, that listens only on a loopback port with
/// <c>--tlsverify</c>: it answers only clients whose certificate its CA signed. Everything it owns is
/// under one temporary folder (data, exec root and so its own containerd, pid file, an empty config
/// file so /etc/docker/daemon.json is not read), and it holds no images, so nothing may be pulled.
/// </summary>
internal sealed class TlsEngine : IAsyncDisposable
{
    private readonly Process _dockerd;

    private TlsEngine(string root, TestCertificates certificates, int port, Process dockerd)
    {
        Root = root;
        Certificates = certificates;
        Host = $"tcp://127.0.0.1:{port}";
        _dockerd = dockerd;
        Client = new DockerClientBuilder()
            .WithEndpoint(new Uri(Host))
            .WithAuthProvider(DockerTlsCertificates.LoadFromDirectory(certificates.Client).CreateCredentials())
            .Build();
    }

    public string Root { get; }

    public TestCertificates Certificates { get; }

    /// <summary>Gets the value for DOCKER_HOST, <c>tcp://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string Host { get; }

    /// <summary>Gets a client of this engine with the good client certificate, to inspect what a publish left there.</summary>
    public DockerClient Client { get; }

    /// <summary>Gets dockerd's own output.</summary>
    public string Log => Path.Combine(Root, "dockerd.log");

    public static async Task<TlsEngine> StartAsync()
    {
        // Short: containerd's sockets live under the exec root, and a socket path has ~100 characters at most.
        var root = Path.Combine("/tmp", "mst-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(root);
        var certificates = TestCertificates.Create(Path.Combine(root, "certs"));
        File.WriteAllText(Path.Combine(root, "daemon.json"), "{}");
        var port = FreePort();
        string[] arguments =
        [
            "--tlsverify",
            "--tlscacert", Path.Combine(certificates.Server, "ca.pem"),
            "--tlscert", Path.Combine(certificates.Server, "server-cert.pem"),
            "--tlskey", Path.Combine(certificates.Server, "server-key.pem"),
            "-H", $"tcp://127.0.0.1:{port}",
            "--config-file", Path.Combine(root, "daemon.json"),
            "--data-root", Path.Combine(root, "data"),
            "--exec-root", Path.Combine(root, "exec"),
            "--pidfile", Path.Combine(root, "docker.pid"),
            "--containerd-namespace", "multistage-tls",
            "--containerd-plugins-namespace", "multistage-tls-plugins",
            "--bridge=none", "--iptables=false", "--ip6tables=false",
        ];

        // exec: the process is dockerd itself, so SIGTERM reaches it; its output goes to a log kept on failure.
        var start = new ProcessStartInfo("/bin/sh", ["-c", "exec dockerd \"$@\" >\"$0\" 2>&1", Path.Combine(root, "dockerd.log"), .. arguments]);
        var engine = new TlsEngine(root, certificates, port, Process.Start(start)!);
        try
        {
            await engine.WaitUntilAnsweringAsync();
            return engine;
        }
        catch
        {
            TestContext.Progress.WriteLine(File.ReadAllText(engine.Log));
            await engine.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            if (_dockerd.HasExited)
            {
                Assert.Fail($"the second dockerd exited ({_dockerd.ExitCode}):\n{File.ReadAllText(Log)}");
            }

            try
            {
                using var ping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await Client.System.PingAsync(ping.Token);
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // Connection refused (wrapped by the client in an AggregateException) until the API listens.
                await Task.Delay(250);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Stops dockerd with SIGTERM (it stops its containerd), waits, unmounts what it left and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_dockerd.HasExited)
        {
            Run("kill", "-TERM", _dockerd.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _dockerd.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                TestContext.Progress.WriteLine($"the second dockerd did not stop within 30 s; killed. Its log: {Log}");
                _dockerd.Kill(entireProcessTree: true);
                await _dockerd.WaitForExitAsync();
            }
        }

        _dockerd.Dispose();

        // Deepest first: a mount inside another must go before it.
        foreach (var mount in File.ReadAllLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]).Where(m => m.StartsWith(Root + "/", StringComparison.Ordinal)).OrderByDescending(m => m.Length))
        {
            Run("umount", "-l", mount);
        }

        Directory.Delete(Root, recursive: true);
    }

    private static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })!;
        process.WaitForExit();
    }
}
