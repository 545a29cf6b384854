using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's <c>docker-registry</c> (distribution 2.8) on a free 127.0.0.1 port, with its storage in a temp
/// folder: plain HTTP, or with htpasswd basic auth (bcrypt, from <c>htpasswd -B</c>) behind TLS with a CA the
/// test generates. That CA is written to <c>/etc/docker/certs.d/127.0.0.1:port/ca.crt</c> at start and removed at
/// <see cref="Dispose"/>, as a registry elsewhere would need; on 127.0.0.0/8, which Engine 20.10 treats as an
/// insecure registry, the engine speaks TLS to the registry without checking its certificate (a push succeeds
/// without the file), so what the TLS registry proves here is the HTTPS path with basic auth, not the trust.
/// </summary>
internal sealed class TestRegistry : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly string? _engineCaDirectory;
    private readonly X509Certificate2? _ca;
    private readonly (string User, string Password)? _login;

    private TestRegistry(Process process, string directory, int port, X509Certificate2? ca, string? engineCaDirectory, (string, string)? login)
    {
        _process = process;
        _directory = directory;
        Port = port;
        _ca = ca;
        _engineCaDirectory = engineCaDirectory;
        _login = login;
    }

    public int Port { get; }

    /// <summary>Gets the registry's host:port, as ContainerRegistry names it.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>Starts a plain HTTP registry without authentication.</summary>
    public static TestRegistry StartPlain(string directory) => Start(directory, tls: false, login: null);

    /// <summary>Starts a registry behind TLS (a generated CA) that takes only <paramref name="user"/> with <paramref name="password"/>.</summary>
    public static TestRegistry StartSecured(string directory, string user, string password) => Start(directory, tls: true, login: (user, password));

    private static TestRegistry Start(string directory, bool tls, (string User, string Password)? login)
    {
        Directory.CreateDirectory(directory);
        var port = Engine.FreeLoopbackPort();
        var config = new StringBuilder($"""
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {directory}/data
            http:
              addr: 127.0.0.1:{port}
              secret: {Guid.NewGuid():N}

            """);

        X509Certificate2? ca = null;
        string? engineCa = null;
        if (tls)
        {
            ca = GenerateCertificates(directory);
            config.Append($"""
                  tls:
                    certificate: {directory}/server.crt
                    key: {directory}/server.key

                """);
            engineCa = Path.Combine("/etc/docker/certs.d", $"127.0.0.1:{port}");
            Directory.CreateDirectory(engineCa);
            File.Copy(Path.Combine(directory, "ca.crt"), Path.Combine(engineCa, "ca.crt"), overwrite: true);
        }

        if (login is { } l)
        {
            File.WriteAllText(Path.Combine(directory, "htpasswd"), Run("htpasswd", "-Bbn", l.User, l.Password).Trim() + "\n");
            config.Append($"""
                auth:
                  htpasswd:
                    realm: multistage-test
                    path: {directory}/htpasswd

                """);
        }

        File.WriteAllText(Path.Combine(directory, "config.yml"), config.ToString());
        var start = new ProcessStartInfo("docker-registry", ["serve", Path.Combine(directory, "config.yml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        var log = File.CreateText(Path.Combine(directory, "registry.log"));
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var registry = new TestRegistry(process, directory, port, ca, engineCa, login);
        var deadline = Stopwatch.StartNew();
        while (!Answers(port))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                registry.Dispose();
                Assert.Fail($"docker-registry did not start on 127.0.0.1:{port}: see {directory}/registry.log");
            }

            Thread.Sleep(100);
        }

        return registry;
    }

    /// <summary>Gets the tags the registry holds for <paramref name="repository"/> (its <c>/v2/&lt;name&gt;/tags/list</c>).</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(string repository)
    {
        using var client = Client();
        using var response = await client.GetAsync($"/v2/{repository}/tags/list");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("tags") is { ValueKind: JsonValueKind.Array } tags ? [.. tags.EnumerateArray().Select(t => t.GetString()!)] : [];
    }

    /// <summary>Gets the registry's <c>Docker-Content-Digest</c> for the manifest of <paramref name="repository"/>:<paramref name="tag"/>.</summary>
    public async Task<string> ManifestDigestAsync(string repository, string tag)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    private HttpClient Client()
    {
        var handler = new HttpClientHandler();
        if (_ca is { } ca)
        {
            // Trust exactly the generated CA, as the engine does with certs.d.
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            };
        }

        var client = new HttpClient(handler) { BaseAddress = new Uri($"{(_ca is null ? "http" : "https")}://{Host}") };
        if (_login is { } l)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{l.User}:{l.Password}")));
        }

        return client;
    }

    /// <summary>A CA and a server certificate for IP 127.0.0.1 that it signed, made with openssl; returns the CA.</summary>
    private static X509Certificate2 GenerateCertificates(string directory)
    {
        string In(string name) => Path.Combine(directory, name);
        Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=MultiStage.Sdk test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            "-keyout", In("ca.key"), "-out", In("ca.crt"));
        Run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", In("server.key"), "-out", In("server.csr"));
        File.WriteAllText(In("server.ext"), "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1\n");
        Run("openssl", "x509", "-req", "-in", In("server.csr"), "-CA", In("ca.crt"), "-CAkey", In("ca.key"), "-CAcreateserial", "-days", "2", "-extfile", In("server.ext"), "-out", In("server.crt"));
        return X509CertificateLoader.LoadCertificateFromFile(In("ca.crt"));
    }

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{program} failed: {stderr.Result}");
        return stdout;
    }

    private static bool Answers(int port)
    {
        try
        {
            using var socket = new TcpClient();
            socket.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
                log.Flush();
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _ca?.Dispose();
        if (_engineCaDirectory is not null && Directory.Exists(_engineCaDirectory))
        {
            Directory.Delete(_engineCaDirectory, recursive: true);
        }
    }
}
