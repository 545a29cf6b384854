using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.X509;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// TLS to a tcp engine, as the docker CLI sets it up: a client certificate when cert.pem and key.pem are
/// there, and the engine's certificate checked (against ca.pem, else the system's roots) only when
/// <paramref name="Verify"/> is on.
/// </summary>
/// <param name="CaFile">The CA that signed the engine's certificate; null for the system's roots.</param>
/// <param name="CertFile">The client certificate, or null to send none.</param>
/// <param name="KeyFile">The client certificate's private key, or null.</param>
/// <param name="Verify">Whether the engine's certificate is checked (DOCKER_TLS_VERIFY; a context without SkipTLSVerify).</param>
public sealed record EngineTls(string? CaFile, string? CertFile, string? KeyFile, bool Verify)
{
    /// <summary>Gets the folder the TLS files were taken from, for messages.</summary>
    public string Folder => Path.GetDirectoryName(CertFile ?? KeyFile ?? CaFile) ?? "";

    /// <summary>TLS from DOCKER_TLS_VERIFY, DOCKER_TLS and DOCKER_CERT_PATH: null when neither variable is set.</summary>
    /// <remarks>As the CLI: any non-empty value turns a variable on; ca.pem is required only to verify; cert.pem and key.pem are used when present.</remarks>
    internal static EngineTls? FromEnvironment(bool verify, bool tls, string certPath)
    {
        if (!verify && !tls)
        {
            return null;
        }

        string? Present(string name) => File.Exists(Path.Combine(certPath, name)) ? Path.Combine(certPath, name) : null;
        return new EngineTls(verify ? Path.Combine(certPath, "ca.pem") : Present("ca.pem"), Present("cert.pem"), Present("key.pem"), verify);
    }

    /// <summary>The client library's certificate credentials for these files.</summary>
    /// <param name="origin">Where the endpoint came from, for messages.</param>
    /// <param name="rejected">Told why the engine's certificate was refused, when it is.</param>
    internal IAuthProvider CreateCredentials(string origin, Action<string> rejected)
    {
        if ((CertFile is null) != (KeyFile is null))
        {
            throw new MultiStageException(Diagnostics.TlsMaterialInvalid(CertFile ?? KeyFile!, origin, $"'{(CertFile is null ? "cert.pem" : "key.pem")}' is missing beside it"));
        }

        var certificate = CertFile is null ? null : Load(CertFile, origin, () => DockerTlsCertificates.LoadCertificateFromPemFiles(CertFile, KeyFile!));
        var authority = Verify && CaFile is not null ? Load(CaFile, origin, () => DockerTlsCertificates.LoadCertificateAuthorityFromPemFile(CaFile)) : null;
        var chain = authority is null ? null : DockerTlsCertificates.CreateCertificateAuthorityValidationCallback(authority);

        return new CertificateCredentials(certificate)
        {
            ServerCertificateValidationCallback = (sender, serverCertificate, serverChain, errors) =>
            {
                if (!Verify)
                {
                    return true;
                }

                // The library's CA check looks at the chain only; the CLI also checks the name, and so do we.
                var reason = errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) ? "the engine sent no certificate"
                    : errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) ? "the engine's certificate is not issued for the host name or address in the endpoint"
                    : chain is not null && !chain(sender, serverCertificate, serverChain, errors) ? $"the engine's certificate is not signed by the CA in '{CaFile}'"
                    : chain is null && errors != SslPolicyErrors.None ? "the engine's certificate is not signed by a CA this machine trusts"
                    : null;
                if (reason is not null)
                {
                    rejected(reason);
                }

                return reason is null;
            },
        };
    }

    private static X509Certificate2 Load(string file, string origin, Func<X509Certificate2> load)
    {
        if (!File.Exists(file))
        {
            throw new MultiStageException(Diagnostics.TlsMaterialInvalid(file, origin, "the file does not exist"));
        }

        try
        {
            return load();
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new MultiStageException(Diagnostics.TlsMaterialInvalid(file, origin, e.Message.TrimEnd('.')), e);
        }
    }
}
