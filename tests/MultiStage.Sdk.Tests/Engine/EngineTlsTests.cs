using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet.X509;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Engine;

/// <summary>TLS as the docker CLI sets it up: from DOCKER_TLS_VERIFY, DOCKER_TLS and DOCKER_CERT_PATH for an address, from its store for a context.</summary>
public class EngineTlsTests
{
    private DockerHome _home = null!;

    [SetUp]
    public void CreateHome() => _home = new DockerHome();

    [TearDown]
    public void DeleteHome() => _home.Dispose();

    [Test]
    public void DOCKER_TLS_VERIFY_takes_ca_cert_and_key_from_DOCKER_CERT_PATH_and_the_TLS_port()
    {
        var certs = Path.Combine(_home.Home, "certs");
        DockerHome.WriteFiles(certs, "ca.pem", "cert.pem", "key.pem");
        _home.Environment["DOCKER_HOST"] = "tcp://10.0.0.1";
        _home.Environment["DOCKER_TLS_VERIFY"] = "1";
        _home.Environment["DOCKER_CERT_PATH"] = certs;

        var endpoint = _home.Resolve();

        Assert.That(endpoint.Host, Is.EqualTo(new Uri("tcp://10.0.0.1:2376")));
        Assert.That(endpoint.Tls, Is.EqualTo(new EngineTls(Path.Combine(certs, "ca.pem"), Path.Combine(certs, "cert.pem"), Path.Combine(certs, "key.pem"), Verify: true)));
    }

    [Test]
    public void DOCKER_CERT_PATH_defaults_to_the_docker_config_folder()
    {
        DockerHome.WriteFiles(_home.ConfigDirectory, "ca.pem", "cert.pem", "key.pem");
        _home.Environment["DOCKER_HOST"] = "tcp://10.0.0.1:2376";
        _home.Environment["DOCKER_TLS_VERIFY"] = "1";

        Assert.That(_home.Resolve().Tls!.Folder, Is.EqualTo(_home.ConfigDirectory));

        var config = Path.Combine(_home.Home, "config");
        DockerHome.WriteFiles(config, "cert.pem", "key.pem");
        _home.Environment["DOCKER_CONFIG"] = config;

        Assert.That(_home.Resolve().Tls!.Folder, Is.EqualTo(config));
    }

    [Test]
    public void DOCKER_TLS_alone_encrypts_without_checking_the_engine_and_needs_no_files()
    {
        _home.Environment["DOCKER_HOST"] = "tcp://10.0.0.1:2376";
        _home.Environment["DOCKER_TLS"] = "1";

        Assert.That(_home.Resolve().Tls, Is.EqualTo(new EngineTls(null, null, null, Verify: false)));
    }

    [Test]
    public void Any_non_empty_DOCKER_TLS_VERIFY_turns_verification_on_as_in_the_CLI()
    {
        _home.Environment["DOCKER_HOST"] = "tcp://10.0.0.1:2376";
        _home.Environment["DOCKER_TLS_VERIFY"] = "0";

        Assert.That(_home.Resolve().Tls!.Verify, Is.True);

        _home.Environment["DOCKER_TLS_VERIFY"] = "";
        Assert.That(_home.Resolve().Tls, Is.Null);
    }

    [Test]
    public void TLS_variables_without_an_address_mean_the_TLS_port_on_this_machine()
    {
        _home.Environment["DOCKER_TLS_VERIFY"] = "1";

        Assert.That(_home.Resolve().Host, Is.EqualTo(new Uri("tcp://localhost:2376")));
    }

    [Test]
    public void TLS_variables_apply_to_MultiStageDockerHost_but_not_to_a_socket()
    {
        _home.Environment["DOCKER_TLS_VERIFY"] = "1";

        Assert.That(_home.Resolve("tcp://10.0.0.1:2376").Tls, Is.Not.Null);
        Assert.That(_home.Resolve("unix:///var/run/docker.sock").Tls, Is.Null);
    }

    [Test]
    public void A_context_takes_its_TLS_files_from_its_own_store_and_ignores_the_TLS_variables()
    {
        var store = _home.AddContext("secure", "tcp://10.0.0.1:2376", tlsFiles: ["ca.pem", "cert.pem", "key.pem"]);
        _home.Environment["DOCKER_CONTEXT"] = "secure";
        _home.Environment["DOCKER_CERT_PATH"] = "/elsewhere";

        var endpoint = _home.Resolve();

        Assert.That(endpoint.Tls, Is.EqualTo(new EngineTls(Path.Combine(store, "ca.pem"), Path.Combine(store, "cert.pem"), Path.Combine(store, "key.pem"), Verify: true)));
    }

    [Test]
    public void A_context_without_TLS_files_is_plain_unless_it_skips_verification()
    {
        _home.AddContext("plain", "tcp://10.0.0.1");
        _home.AddContext("skip", "tcp://10.0.0.1", skipTlsVerify: true);

        _home.Environment["DOCKER_CONTEXT"] = "plain";
        Assert.That(_home.Resolve(), Is.EqualTo(new EngineEndpoint(new Uri("tcp://10.0.0.1:2375"), "context 'plain' (DOCKER_CONTEXT)", null)));

        _home.Environment["DOCKER_CONTEXT"] = "skip";
        Assert.That(_home.Resolve(), Is.EqualTo(new EngineEndpoint(new Uri("tcp://10.0.0.1:2376"), "context 'skip' (DOCKER_CONTEXT)", new EngineTls(null, null, null, Verify: false))));
    }

    [Test]
    public void A_context_with_a_CA_but_no_client_certificate_checks_the_engine_and_sends_none()
    {
        var store = _home.AddContext("ca-only", "tcp://10.0.0.1:2376", tlsFiles: ["ca.pem"]);
        _home.UseContext("ca-only");

        Assert.That(_home.Resolve().Tls, Is.EqualTo(new EngineTls(Path.Combine(store, "ca.pem"), null, null, Verify: true)));
    }

    [Test]
    public void A_missing_ca_pem_with_verification_on_is_MSTAGE3004_naming_the_file()
    {
        var tls = new EngineTls(Path.Combine(_home.Home, "ca.pem"), null, null, Verify: true);

        var e = Assert.Throws<MultiStageException>(() => tls.CreateCredentials("DOCKER_HOST", _ => { }))!;

        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE3004"));
        Assert.That(e.Diagnostic.Message, Does.Contain(Path.Combine(_home.Home, "ca.pem")).And.Contain("DOCKER_HOST").And.Contain("does not exist"));
    }

    [Test]
    public void A_certificate_without_its_key_is_MSTAGE3004()
    {
        var tls = new EngineTls(null, Path.Combine(_home.Home, "cert.pem"), null, Verify: false);

        var e = Assert.Throws<MultiStageException>(() => tls.CreateCredentials("DOCKER_HOST", _ => { }))!;

        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE3004"));
        Assert.That(e.Diagnostic.Message, Does.Contain("key.pem"));
    }

    [Test]
    public void A_file_that_is_not_PEM_is_MSTAGE3004()
    {
        DockerHome.WriteFiles(_home.Home, "cert.pem");
        File.WriteAllText(Path.Combine(_home.Home, "key.pem"), "not a key");
        var tls = new EngineTls(null, Path.Combine(_home.Home, "cert.pem"), Path.Combine(_home.Home, "key.pem"), Verify: false);

        var e = Assert.Throws<MultiStageException>(() => tls.CreateCredentials("context 'x' (DOCKER_CONTEXT)", _ => { }))!;

        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE3004"));
        Assert.That(e.Diagnostic.Message, Does.Contain("context 'x'"));
    }

    [Test]
    public void With_verification_the_engine_must_be_signed_by_ca_pem_and_named_as_the_endpoint()
    {
        using var ca = Authority("test CA");
        using var other = Authority("another CA");
        using var server = Issue(ca, "engine");
        using var stranger = Issue(other, "engine");
        WritePem(ca, "ca.pem");
        using var client = Issue(ca, "client");
        WritePem(client, "cert.pem", "key.pem");
        var tls = new EngineTls(Path.Combine(_home.Home, "ca.pem"), Path.Combine(_home.Home, "cert.pem"), Path.Combine(_home.Home, "key.pem"), Verify: true);
        var rejections = new List<string>();

        var check = ((CertificateCredentials)tls.CreateCredentials("DOCKER_HOST", rejections.Add)).ServerCertificateValidationCallback!;

        Assert.That(check(this, server, null, SslPolicyErrors.RemoteCertificateChainErrors), Is.True, "signed by ca.pem: the system not knowing the CA does not matter");
        Assert.That(check(this, stranger, null, SslPolicyErrors.RemoteCertificateChainErrors), Is.False);
        Assert.That(check(this, server, null, SslPolicyErrors.RemoteCertificateNameMismatch), Is.False);
        Assert.That(rejections, Is.EqualTo(new[]
        {
            $"the engine's certificate is not signed by the CA in '{Path.Combine(_home.Home, "ca.pem")}'",
            "the engine's certificate is not issued for the host name or address in the endpoint",
        }));
    }

    [Test]
    public void Without_verification_any_engine_certificate_is_accepted()
    {
        using var other = Authority("another CA");
        using var stranger = Issue(other, "engine");
        var tls = new EngineTls(null, null, null, Verify: false);

        var check = ((CertificateCredentials)tls.CreateCredentials("DOCKER_HOST", _ => Assert.Fail("nothing is refused"))).ServerCertificateValidationCallback!;

        Assert.That(check(this, stranger, null, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch), Is.True);
    }

    [Test]
    public void A_failed_handshake_says_which_side_refused_and_what_to_check()
    {
        var endpoint = new EngineEndpoint(new Uri("tcp://127.0.0.1:2376"), "DOCKER_HOST", null);
        var withCert = new EngineTls("/c/ca.pem", "/c/cert.pem", "/c/key.pem", Verify: true);

        var refusedByUs = DockerEngine.TlsFailure(endpoint, withCert, "the engine's certificate is not signed by the CA in '/c/ca.pem'");
        var refusedByEngine = DockerEngine.TlsFailure(endpoint, withCert, null);
        var noCertificate = DockerEngine.TlsFailure(endpoint, new EngineTls("/c/ca.pem", null, null, Verify: true), null);

        Assert.That(refusedByUs.Code, Is.EqualTo("MSTAGE3005"));
        Assert.That(refusedByUs.Message, Does.Contain("tcp://127.0.0.1:2376").And.Contain("from DOCKER_HOST").And.Contain("signed by the CA in '/c/ca.pem' and names the host").And.Contain("DOCKER_TLS instead of DOCKER_TLS_VERIFY"));
        Assert.That(refusedByEngine.Message, Does.Contain("did not accept the client certificate '/c/cert.pem'").And.Contain("dockerd --tlscacert"));
        Assert.That(noCertificate.Message, Does.Contain("no cert.pem and key.pem in '/c'"));
    }

    private static X509Certificate2 Authority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string name)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), [1, 2, 3, (byte)name.Length]);
        return issued.CopyWithPrivateKey(key);
    }

    private void WritePem(X509Certificate2 certificate, string certFile, string? keyFile = null)
    {
        File.WriteAllText(Path.Combine(_home.Home, certFile), certificate.ExportCertificatePem());
        if (keyFile is not null)
        {
            File.WriteAllText(Path.Combine(_home.Home, keyFile), certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        }
    }
}
