using Docker.DotNet.Models;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// Credentials for one registry, as the docker CLI would send them with a push. A class, not a record:
/// nothing prints it but <see cref="ToString"/>, which says only where the credentials came from.
/// </summary>
public sealed class RegistryCredentials(string? username, string? password, string? identityToken, string? registryToken, string source)
{
    /// <summary>Gets where the credentials came from, for messages: never the credentials themselves.</summary>
    public string Source { get; } = source;

    /// <summary>Gets whether there is anything to send.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(username) && string.IsNullOrEmpty(password) && string.IsNullOrEmpty(identityToken) && string.IsNullOrEmpty(registryToken);

    internal string? Username => username;

    internal string? Password => password;

    internal string? IdentityToken => identityToken;

    internal string? RegistryToken => registryToken;

    /// <summary>The Engine API's auth for a push to <paramref name="registry"/>; the library encodes it into X-Registry-Auth.</summary>
    internal AuthConfig ToAuthConfig(string registry) => new()
    {
        Username = username,
        Password = password,
        IdentityToken = identityToken,
        RegistryToken = registryToken,
        ServerAddress = registry,
    };

    /// <inheritdoc />
    public override string ToString() => Source;
}
