using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// A remote engine reached as the docker CLI reaches it: DOCKER_HOST with DOCKER_TLS_VERIFY and
/// DOCKER_CERT_PATH, a Docker context with TLS files in its store, MultiStageDockerHost. The engine is a
/// second dockerd with <c>--tlsverify</c> on a loopback port, started once for these tests; it has no
/// images, so the app is published with its own Dockerfile that starts FROM scratch.
/// </summary>
[NonParallelizable]
public class RemoteEngineTests
{
    private const string Dockerfile = "FROM scratch\nCOPY Program.cs /app/Program.cs\nLABEL org.example.engine=\"tls\"\n";

    private const string NoEngine = "unix:///tmp/multistage-no-such-engine.sock";

    private static int _copies;
    private TlsEngine? _engine;
    private TestApp _app = null!;

    [OneTimeSetUp]
    public async Task StartEngine() => _engine = await TlsEngine.StartAsync();

    [OneTimeTearDown]
    public async Task StopEngine()
    {
        if (_engine is not null)
        {
            await Tls.DisposeAsync();
        }
    }

    private TlsEngine Tls => _engine ?? throw new InvalidOperationException("the TLS engine did not start");

    [SetUp]
    public void CopySample()
    {
        _app = TestApp.FromSample("dotnet-console", $"remote-{++_copies}");
        File.WriteAllText(_app.PathOf("Dockerfile.remote"), Dockerfile);
    }

    [TearDown]
    public void KeepEvidence()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            _app.KeepEvidence(TestContext.CurrentContext.Test.Name);
            Directory.CreateDirectory(Repository.Evidence);
            File.Copy(Tls.Log, Path.Combine(Repository.Evidence, $"{_app.Name}-dockerd.log"), overwrite: true);
        }
    }

    [Test]
    public async Task DOCKER_HOST_with_DOCKER_TLS_VERIFY_and_DOCKER_CERT_PATH_builds_on_the_TLS_engine()
    {
        var result = Publish(TlsVariables(Tls.Certificates.Client));

        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.Output, Does.Contain($"on {Tls.Host} (from DOCKER_HOST; Docker "));
        await AssertBuiltOnTheTlsEngine();
    }

    [Test]
    public async Task MultiStageDockerHost_overrides_DOCKER_HOST()
    {
        var environment = TlsVariables(Tls.Certificates.Client);
        environment["DOCKER_HOST"] = NoEngine;

        var result = Publish(environment, $"-p:MultiStageDockerHost={Tls.Host}");

        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.Output, Does.Contain("(from MultiStageDockerHost; Docker "));
        await AssertBuiltOnTheTlsEngine();
    }

    [Test]
    public async Task DOCKER_CONTEXT_names_a_context_whose_TLS_files_are_in_its_store()
    {
        var config = ConfigWithContext("tls-engine");

        var result = Publish(new() { ["DOCKER_HOST"] = "", ["DOCKER_CONFIG"] = config, ["DOCKER_CONTEXT"] = "tls-engine" });

        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.Output, Does.Contain($"on {Tls.Host} (from context 'tls-engine' (DOCKER_CONTEXT); Docker "));
        await AssertBuiltOnTheTlsEngine();
    }

    [Test]
    public async Task The_current_context_of_the_docker_config_is_used()
    {
        var config = ConfigWithContext("tls-engine");
        File.WriteAllText(Path.Combine(config, "config.json"), """{ "auths": {}, "currentContext": "tls-engine" }""");

        var result = Publish(new() { ["DOCKER_HOST"] = "", ["DOCKER_CONTEXT"] = "", ["DOCKER_CONFIG"] = config });

        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.Output, Does.Contain("(from context 'tls-engine' (currentContext in"));
        await AssertBuiltOnTheTlsEngine();
    }

    [Test]
    public void Without_a_client_certificate_the_engine_refuses_and_the_error_says_what_to_check()
    {
        var result = Publish(TlsVariables(Tls.Certificates.NoClientCertificate));

        AssertRefused(result);
        Assert.That(result.Output, Does.Contain("asks for a client certificate").And.Contain(Tls.Certificates.NoClientCertificate));
    }

    [Test]
    public void With_another_CA_the_engine_is_not_trusted_and_the_error_names_ca_pem()
    {
        var result = Publish(TlsVariables(Tls.Certificates.WrongAuthority));

        AssertRefused(result);
        Assert.That(result.Output, Does.Contain("is not signed by the CA in").And.Contain(Path.Combine(Tls.Certificates.WrongAuthority, "ca.pem")));
    }

    [Test]
    public void Plain_HTTP_to_the_TLS_engine_says_to_turn_TLS_on()
    {
        var result = Publish(new() { ["DOCKER_HOST"] = Tls.Host, ["DOCKER_TLS_VERIFY"] = "", ["DOCKER_TLS"] = "" });

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Output, Does.Contain("error MSTAGE3001").And.Contain(Tls.Host).And.Contain("DOCKER_TLS_VERIFY=1"));
        AssertNoStackTrace(result);
    }

    private Dictionary<string, string> TlsVariables(string certPath) =>
        new() { ["DOCKER_HOST"] = Tls.Host, ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = certPath };

    private PublishResult Publish(Dictionary<string, string> environment, params string[] arguments) =>
        // The TLS engine's image has no command to start: these tests are about reaching the engine, not running the app.
        _app.Publish(["-p:MultiStageDockerfile=Dockerfile.remote", "-p:MultiStageSmokeTest=false", .. arguments], environment);

    private async Task AssertBuiltOnTheTlsEngine()
    {
        var image = await Tls.Client.Images.InspectImageAsync(_app.Reference);
        Assert.That(image.Config?.Labels, Does.ContainKey("org.example.engine").WithValue("tls"));
        Assert.That(await Engine.ExistsAsync(_app.Reference), Is.False, "the image was built on the main engine");
    }

    private void AssertRefused(PublishResult result)
    {
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Output, Does.Contain("error MSTAGE3005").And.Contain(Tls.Host).And.Contain("from DOCKER_HOST").And.Contain("Check "));
        AssertNoStackTrace(result);
    }

    private static void AssertNoStackTrace(PublishResult result)
    {
        Assert.That(result.Lines, Has.None.Match(@"^\s+at \S+\(.*\)"), "a stack trace reached the user");
        Assert.That(result.Output, Does.Not.Contain("Exception:"));
    }

    /// <summary>A docker config folder holding context <paramref name="name"/> as <c>docker context create --docker host=…,ca=…,cert=…,key=…</c> writes it.</summary>
    private string ConfigWithContext(string name)
    {
        var config = Path.Combine(_app.Root, "docker-config");
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToLowerInvariant();
        var meta = Directory.CreateDirectory(Path.Combine(config, "contexts", "meta", id)).FullName;
        File.WriteAllText(Path.Combine(meta, "meta.json"), JsonSerializer.Serialize(new
        {
            Name = name,
            Metadata = new { Description = "the test's TLS engine" },
            Endpoints = new { docker = new { Host = Tls.Host, SkipTLSVerify = false } },
        }));
        var tls = Directory.CreateDirectory(Path.Combine(config, "contexts", "tls", id, "docker")).FullName;
        foreach (var file in new[] { "ca.pem", "cert.pem", "key.pem" })
        {
            File.Copy(Path.Combine(Tls.Certificates.Client, file), Path.Combine(tls, file));
        }

        return config;
    }
}
