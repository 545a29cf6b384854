using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// Finds a registry's credentials the way the docker CLI does before a push. The settings are
/// <c>DOCKER_CONFIG</c>'s or <c>~/.docker</c>'s <c>config.json</c>; the store is <c>credHelpers[registry]</c>,
/// else <c>credsStore</c>, else (a file with no credential settings at all) the platform's default helper
/// when it is on PATH, else the file's own <c>auths</c>. A helper's answer replaces the file's entry even
/// when it has nothing; a helper that fails leaves the file's entry. <c>DOCKER_AUTH_CONFIG</c> (a config.json's
/// JSON in the environment) is asked first.
/// </summary>
public static class CredentialLookup
{
    /// <summary>
    /// Returns the credentials for <paramref name="registry"/> (its host[:port], the key <c>docker login</c> writes),
    /// or empty ones. Like the CLI, a lookup that fails does not stop the push: a config.json that cannot be read
    /// counts as empty, a failing helper leaves the file's own entry; each is an MSTAGE5007 warning.
    /// </summary>
    public static Task<RegistryCredentials> FindAsync(string registry, IBuildLog log, CancellationToken cancellationToken) =>
        FindAsync(registry, Environment.GetEnvironmentVariable, log, cancellationToken);

    /// <summary>As <see cref="FindAsync(string, IBuildLog, CancellationToken)"/>, with the environment given (for tests).</summary>
    internal static async Task<RegistryCredentials> FindAsync(string registry, Func<string, string?> environment, IBuildLog log, CancellationToken cancellationToken)
    {
        var directory = DockerConfigFile.Directory(environment);
        DockerConfigFile file;
        try
        {
            file = DockerConfigFile.Load(directory);
        }
        catch (CredentialReadException e)
        {
            log.Warning(Diagnostics.CredentialsUnavailable(registry, e.Place, e.Reason, "with no settings from that file"));
            file = DockerConfigFile.Parse("{}", Path.Combine(directory, "config.json"));
        }

        // DOCKER_AUTH_CONFIG holds auths only; a registry it names wins, others fall through. Unreadable, it is ignored, as by the CLI.
        if (environment("DOCKER_AUTH_CONFIG") is { Length: > 0 } inEnvironment && TryParse(inEnvironment) is { } memory
            && memory.Auths.FirstOrDefault(a => a.Key == registry) is { Value: { } fromEnvironment })
        {
            return fromEnvironment;
        }

        var helper = file.CredentialHelpers.TryGetValue(registry, out var own) ? own
            : !string.IsNullOrEmpty(file.CredentialsStore) ? file.CredentialsStore
            : !file.ContainsAuth ? DefaultStore(environment)
            : null;
        if (helper is null)
        {
            return FromFile(file, registry);
        }

        try
        {
            return await CredentialHelper.GetAsync(helper, registry, environment, cancellationToken).ConfigureAwait(false);
        }
        catch (CredentialReadException e)
        {
            var entry = FromFile(file, registry);
            log.Warning(Diagnostics.CredentialsUnavailable(registry, e.Place, e.Reason, entry.IsEmpty ? "without credentials" : $"with {entry.Source}"));
            return entry;
        }
    }

    /// <summary>
    /// The file store: the entry under exactly <paramref name="registry"/>, else the first whose key, stripped
    /// of a scheme and path as old files wrote it (<c>https://host:port/v1/</c>), is that host.
    /// </summary>
    internal static RegistryCredentials FromFile(DockerConfigFile file, string registry) =>
        file.Auths.FirstOrDefault(a => a.Key == registry).Value
        ?? file.Auths.FirstOrDefault(a => ToHostname(a.Key) == registry).Value
        ?? new RegistryCredentials(null, null, null, null, $"no entry for '{registry}' in {file.Source}");

    /// <summary>The CLI's ConvertToHostname: a URL's host[:port], else the text before the first '/'.</summary>
    internal static string ToHostname(string key)
    {
        if (key.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(key, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            var host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost.Trim('[', ']')}]" : uri.Host;
            return uri.IsDefaultPort && !HasExplicitPort(key) ? host : $"{host}:{uri.Port}";
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? key : key[..slash];
    }

    // Uri drops a port equal to the scheme's default ("https://h:443"); the CLI keeps what was written.
    private static bool HasExplicitPort(string url)
    {
        var authority = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..].Split('/', 2)[0];
        return authority.LastIndexOf(':') > authority.LastIndexOf(']');
    }

    /// <summary>Linux's default helper when the file has no credential settings: <c>pass</c> when it is installed, else <c>secretservice</c>; only when its helper is on PATH.</summary>
    private static string? DefaultStore(Func<string, string?> environment)
    {
        if (!OperatingSystem.IsLinux())
        {
            var platform = OperatingSystem.IsMacOS() ? "osxkeychain" : OperatingSystem.IsWindows() ? "wincred" : null;
            return platform is not null && CredentialHelper.IsOnPath(platform, environment) ? platform : null;
        }

        var name = CredentialHelper.Find("pass", environment) is not null ? "pass" : "secretservice";
        return CredentialHelper.IsOnPath(name, environment) ? name : null;
    }

    private static DockerConfigFile? TryParse(string json)
    {
        try
        {
            return DockerConfigFile.Parse(json, "DOCKER_AUTH_CONFIG");
        }
        catch (CredentialReadException)
        {
            return null;
        }
    }
}
