using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// The docker CLI's context store: a context named N keeps its endpoint in
/// <c>contexts/meta/&lt;sha256(N)&gt;/meta.json</c> (<c>Endpoints.docker.Host</c>, <c>SkipTLSVerify</c>) and its
/// TLS files in <c>contexts/tls/&lt;sha256(N)&gt;/docker/{ca,cert,key}.pem</c>, under the docker config folder.
/// </summary>
/// <remarks>The client library reads a context's address but not its TLS files, so the whole context is read here.</remarks>
internal sealed class DockerContextStore(string configDirectory)
{
    /// <summary>Reads context <paramref name="name"/>; <paramref name="origin"/> names it in messages.</summary>
    public EngineEndpoint Load(string name, string origin)
    {
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToLowerInvariant();
        var meta = Path.Combine(configDirectory, "contexts", "meta", id, "meta.json");
        if (!File.Exists(meta))
        {
            throw new MultiStageException(Diagnostics.ContextNotFound(name, origin, meta));
        }

        string? host;
        bool skipVerify;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(meta));
            var docker = document.RootElement.TryGetProperty("Endpoints", out var endpoints) && endpoints.ValueKind == JsonValueKind.Object
                && endpoints.TryGetProperty("docker", out var endpoint) && endpoint.ValueKind == JsonValueKind.Object
                ? endpoint
                : default;
            host = docker.ValueKind == JsonValueKind.Object && docker.TryGetProperty("Host", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
            skipVerify = docker.ValueKind == JsonValueKind.Object && docker.TryGetProperty("SkipTLSVerify", out var s) && s.ValueKind == JsonValueKind.True;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new MultiStageException(Diagnostics.EngineConfigurationInvalid($"{origin}: '{meta}' could not be read ({e.Message.TrimEnd('.')})"), e);
        }

        if (string.IsNullOrEmpty(host))
        {
            throw new MultiStageException(Diagnostics.EngineConfigurationInvalid($"{origin} has no docker endpoint: '{meta}' has no Endpoints.docker.Host"));
        }

        // As the CLI: TLS when the context holds TLS files or skips verification; the engine is checked unless SkipTLSVerify.
        var folder = Path.Combine(configDirectory, "contexts", "tls", id, "docker");
        string? Present(string file) => File.Exists(Path.Combine(folder, file)) ? Path.Combine(folder, file) : null;
        var tls = new EngineTls(Present("ca.pem"), Present("cert.pem"), Present("key.pem"), !skipVerify);
        var secured = skipVerify || tls.CaFile is not null || tls.CertFile is not null || tls.KeyFile is not null;

        var uri = EngineEndpoint.ParseHost(host, origin, secured);
        return new EngineEndpoint(uri, origin, secured && uri.Scheme == "tcp" ? tls : null);
    }
}
