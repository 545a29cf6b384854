using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MultiStage.Sdk.Engine;

namespace MultiStage.Sdk.Tests.Engine;

/// <summary>A throw-away home folder with a docker config folder in it, and an environment to resolve the endpoint with.</summary>
internal sealed class DockerHome : IDisposable
{
    private readonly TempProject _folder = new();

    public DockerHome() => System.IO.Directory.CreateDirectory(ConfigDirectory);

    public string Home => _folder.Directory;

    /// <summary>Gets <c>~/.docker</c>, the config folder when DOCKER_CONFIG is not set.</summary>
    public string ConfigDirectory => Path.Combine(Home, ".docker");

    public Dictionary<string, string> Environment { get; } = [];

    public EngineEndpoint Resolve(string? dockerHost = null) =>
        EngineEndpoint.Resolve(dockerHost, name => Environment.GetValueOrDefault(name), Home);

    public void UseContext(string name, string? configDirectory = null) =>
        File.WriteAllText(Path.Combine(configDirectory ?? ConfigDirectory, "config.json"), $$"""{ "auths": {}, "currentContext": "{{name}}" }""");

    /// <summary>Writes context <paramref name="name"/> as <c>docker context create</c> does, with the TLS files named in <paramref name="tlsFiles"/>; returns its TLS folder.</summary>
    public string AddContext(string name, string host, bool skipTlsVerify = false, string[]? tlsFiles = null, string? configDirectory = null)
    {
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToLowerInvariant();
        var root = Path.Combine(configDirectory ?? ConfigDirectory, "contexts");
        var meta = Path.Combine(root, "meta", id, "meta.json");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(meta)!);
        var endpoint = new Dictionary<string, object> { ["Host"] = host, ["SkipTLSVerify"] = skipTlsVerify };
        File.WriteAllText(meta, JsonSerializer.Serialize(new { Name = name, Metadata = new { }, Endpoints = new { docker = endpoint } }));
        var tls = Path.Combine(root, "tls", id, "docker");
        WriteFiles(tls, tlsFiles ?? []);
        return tls;
    }

    /// <summary>Writes placeholder files: the resolution only looks at which files exist.</summary>
    public static void WriteFiles(string folder, params string[] names)
    {
        System.IO.Directory.CreateDirectory(folder);
        foreach (var name in names)
        {
            File.WriteAllText(Path.Combine(folder, name), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        }
    }

    public void Dispose() => _folder.Dispose();
}
