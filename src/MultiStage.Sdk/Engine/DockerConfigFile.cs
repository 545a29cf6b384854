using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// The docker CLI's <c>config.json</c>, the one reader of it: <c>currentContext</c> for finding the engine, and the
/// credential settings <c>auths</c>, <c>credsStore</c> and <c>credHelpers</c>, read as the CLI reads them (an
/// <c>auth</c> value is base64 of <c>user:password</c>, split at the first ':'). A file that cannot be read fails as
/// a whole (<see cref="CredentialReadException"/>), and every reader then goes on without it, as the CLI does.
/// No credential is ever written to a log or put in an exception message.
/// </summary>
internal sealed class DockerConfigFile
{
    private DockerConfigFile(string source) => Source = source;

    /// <summary>Gets where the settings came from, for messages: the file's path, or <c>DOCKER_AUTH_CONFIG</c>.</summary>
    public string Source { get; }

    /// <summary>Gets the <c>auths</c> entries in the order the file lists them, keyed as written (a host, or a URL in old files).</summary>
    public IReadOnlyList<KeyValuePair<string, RegistryCredentials>> Auths { get; private init; } = [];

    /// <summary>Gets <c>credsStore</c>: the credential helper for every registry without its own.</summary>
    public string? CredentialsStore { get; private init; }

    /// <summary>Gets <c>credHelpers</c>: a credential helper per registry host.</summary>
    public IReadOnlyDictionary<string, string> CredentialHelpers { get; private init; } = new Dictionary<string, string>();

    /// <summary>Gets <c>currentContext</c>: the Docker context chosen by <c>docker context use</c>, or null.</summary>
    public string? CurrentContext { get; private init; }

    /// <summary>Gets whether the file says anything about credentials (the CLI's ContainsAuth).</summary>
    public bool ContainsAuth => !string.IsNullOrEmpty(CredentialsStore) || CredentialHelpers.Count > 0 || Auths.Count > 0;

    /// <summary>The config folder as the CLI finds it: <c>DOCKER_CONFIG</c>, else <c>.docker</c> in <paramref name="home"/> (by default HOME, else the user's profile).</summary>
    public static string Directory(Func<string, string?> environment, string? home = null) =>
        environment("DOCKER_CONFIG") is { Length: > 0 } dir ? dir
        : Path.Combine(home ?? (environment("HOME") is { Length: > 0 } variable ? variable : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)), ".docker");

    /// <summary>Reads <c>config.json</c> in <paramref name="directory"/>; a missing file is an empty one, as for the CLI.</summary>
    public static DockerConfigFile Load(string directory)
    {
        var path = Path.Combine(directory, "config.json");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new DockerConfigFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CredentialReadException(path, e.Message);
        }

        return Parse(text, path);
    }

    /// <summary>Reads settings from JSON text; <paramref name="source"/> names it in messages.</summary>
    /// <remarks>Errors name the problem and never quote the text, which holds secrets.</remarks>
    public static DockerConfigFile Parse(string text, string source)
    {
        JsonObject? root;
        try
        {
            root = string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root is null)
        {
            throw new CredentialReadException(source, "it is not a JSON object");
        }

        var auths = new List<KeyValuePair<string, RegistryCredentials>>();
        if (root["auths"] is JsonObject entries)
        {
            foreach (var (key, value) in entries)
            {
                auths.Add(new(key, Entry(key, value as JsonObject, source)));
            }
        }

        var helpers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root["credHelpers"] is JsonObject byRegistry)
        {
            foreach (var (key, value) in byRegistry)
            {
                if (Text(value) is { Length: > 0 } helper)
                {
                    helpers[key] = helper;
                }
            }
        }

        return new DockerConfigFile(source)
        {
            Auths = auths,
            CredentialsStore = Text(root["credsStore"]),
            CredentialHelpers = helpers,
            CurrentContext = Text(root["currentContext"]) is { Length: > 0 } context ? context : null,
        };
    }

    /// <summary>An <c>auths</c> entry: <c>auth</c> decoded into user and password, else <c>username</c>/<c>password</c>; and the tokens.</summary>
    private static RegistryCredentials Entry(string key, JsonObject? entry, string source)
    {
        var username = Text(entry?["username"]);
        var password = Text(entry?["password"]);
        if (Text(entry?["auth"]) is { Length: > 0 } auth)
        {
            (username, password) = Decode(auth) ?? throw new CredentialReadException(source, $"the 'auth' value of auths['{key}'] is not base64 of user:password");
        }

        return new RegistryCredentials(username, password, Text(entry?["identitytoken"]), Text(entry?["registrytoken"]), $"auths['{key}'] in {source}");
    }

    private static (string User, string Password)? Decode(string auth)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : (decoded[..colon], decoded[(colon + 1)..].Trim('\0'));
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}
