using System.Diagnostics;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// TLS material made with openssl as Docker's "protect the daemon socket" guide makes it: a CA, a server
/// certificate for 127.0.0.1, a client certificate; and a second CA that signed nothing of the engine's.
/// Folders are laid out as DOCKER_CERT_PATH expects them (ca.pem, cert.pem, key.pem).
/// </summary>
internal sealed class TestCertificates
{
    private TestCertificates(string root) => Root = root;

    public string Root { get; }

    /// <summary>Gets the engine's files: ca.pem, server-cert.pem, server-key.pem.</summary>
    public string Server => Path.Combine(Root, "server");

    /// <summary>Gets a DOCKER_CERT_PATH that works: the CA, and a client certificate it signed.</summary>
    public string Client => Path.Combine(Root, "client");

    /// <summary>Gets a DOCKER_CERT_PATH with the CA but no client certificate.</summary>
    public string NoClientCertificate => Path.Combine(Root, "no-client");

    /// <summary>Gets a DOCKER_CERT_PATH with a good client certificate but another CA's ca.pem.</summary>
    public string WrongAuthority => Path.Combine(Root, "wrong-ca");

    public static TestCertificates Create(string root)
    {
        var certificates = new TestCertificates(root);
        foreach (var folder in new[] { certificates.Server, certificates.Client, certificates.NoClientCertificate, certificates.WrongAuthority })
        {
            Directory.CreateDirectory(folder);
        }

        var work = Path.Combine(root, "work");
        Directory.CreateDirectory(work);
        Authority(work, "ca", "MultiStage test CA");
        Authority(work, "other-ca", "Another CA");
        Issue(work, "server", "127.0.0.1", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        Issue(work, "client", "multistage-client", "extendedKeyUsage=clientAuth\n");

        Copy(work, "ca.pem", certificates.Server, "ca.pem");
        Copy(work, "server-cert.pem", certificates.Server, "server-cert.pem");
        Copy(work, "server-key.pem", certificates.Server, "server-key.pem");
        foreach (var folder in new[] { certificates.Client, certificates.WrongAuthority })
        {
            Copy(work, "client-cert.pem", folder, "cert.pem");
            Copy(work, "client-key.pem", folder, "key.pem");
        }

        Copy(work, "ca.pem", certificates.Client, "ca.pem");
        Copy(work, "ca.pem", certificates.NoClientCertificate, "ca.pem");
        Copy(work, "other-ca.pem", certificates.WrongAuthority, "ca.pem");
        return certificates;
    }

    private static void Authority(string work, string name, string subject) =>
        Openssl(work, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2", "-subj", $"/CN={subject}", "-keyout", $"{name}-key.pem", "-out", $"{name}.pem");

    private static void Issue(string work, string name, string subject, string extensions)
    {
        File.WriteAllText(Path.Combine(work, $"{name}.ext"), extensions);
        Openssl(work, "req", "-newkey", "rsa:2048", "-nodes", "-sha256", "-subj", $"/CN={subject}", "-keyout", $"{name}-key.pem", "-out", $"{name}.csr");
        Openssl(work, "x509", "-req", "-sha256", "-days", "2", "-in", $"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-extfile", $"{name}.ext", "-out", $"{name}-cert.pem");
    }

    private static void Copy(string work, string file, string folder, string name) => File.Copy(Path.Combine(work, file), Path.Combine(folder, name));

    private static void Openssl(string work, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("openssl", arguments) { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"openssl {string.Join(' ', arguments)}: {error.Result}");
    }
}
