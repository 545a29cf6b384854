using System.Runtime.Versioning;
using System.Text;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Engine;

/// <summary>The docker CLI's credential lookup: config.json's auths, credsStore and credHelpers, and the helpers' protocol.</summary>
[Platform(Exclude = "Win", Reason = "the credential helpers are shell scripts")]
[UnsupportedOSPlatform("windows")]
public class CredentialLookupTests
{
    private const string Registry = "127.0.0.1:5000";

    private string _directory = "";
    private string _bin = "";
    private Dictionary<string, string> _environment = [];

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Directory.CreateTempSubdirectory("docker-config-").FullName;
        _bin = Directory.CreateDirectory(Path.Combine(_directory, "bin")).FullName;
        _environment = new() { ["DOCKER_CONFIG"] = _directory, ["PATH"] = _bin };
        _log = new();
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static string Auth(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private void Config(string json) => File.WriteAllText(Path.Combine(_directory, "config.json"), json);

    /// <summary>A helper script that answers <c>get</c> for one address only, as real helpers do, and records what it was asked.</summary>
    private void Helper(string name, string address, string answer) => Script(name, $$"""
        #!/bin/sh
        [ "$1" = get ] || exit 1
        read -r server || true
        echo "$server" > "{{_directory}}/{{name}}.asked"
        if [ "$server" = "{{address}}" ]; then echo '{{answer}}'; exit 0; fi
        echo "credentials not found in native keychain"; exit 1
        """);

    private void Script(string name, string text)
    {
        var path = Path.Combine(_bin, $"docker-credential-{name}");
        File.WriteAllText(path, text.Replace("\r", "", StringComparison.Ordinal));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private RecordingLog _log = new();

    private Task<RegistryCredentials> FindAsync(string registry = Registry) => CredentialLookup.FindAsync(registry, k => _environment.GetValueOrDefault(k), _log, CancellationToken.None);

    [Test]
    public async Task An_auths_entry_is_base64_of_user_and_password_split_at_the_first_colon()
    {
        Config($$"""{ "auths": { "{{Registry}}": { "auth": "{{Auth("ci", "pa:ss")}}" } } }""");

        var found = await FindAsync();

        Assert.That((found.Username, found.Password), Is.EqualTo(("ci", "pa:ss")));
        Assert.That(found.ToString(), Does.Contain("auths['127.0.0.1:5000']").And.Not.Contain("pa:ss"));
    }

    [TestCase("https://127.0.0.1:5000", TestName = "A key with a scheme matches its host")]
    [TestCase("http://127.0.0.1:5000/v2/", TestName = "A key with a scheme and a path matches its host")]
    [TestCase("127.0.0.1:5000/v1/", TestName = "A key with a path matches its host")]
    public async Task Old_keys_are_reduced_to_their_host_as_the_cli_does(string key)
    {
        Config($$"""{ "auths": { "{{key}}": { "auth": "{{Auth("ci", "secret")}}" } } }""");

        Assert.That((await FindAsync()).Username, Is.EqualTo("ci"));
    }

    [Test]
    public async Task An_exact_key_wins_over_a_reduced_one_and_tokens_are_kept()
    {
        Config($$"""{ "auths": { "https://127.0.0.1:5000": { "auth": "{{Auth("old", "x")}}" }, "{{Registry}}": { "identitytoken": "tok" } } }""");

        var found = await FindAsync();

        Assert.That((found.Username, found.IdentityToken), Is.EqualTo(((string?)null, "tok")));
    }

    [Test]
    public async Task No_file_and_no_entry_are_no_credentials()
    {
        Assert.That((await FindAsync()).IsEmpty);
        Config("""{ "auths": { "other:1": { "auth": "dTpw" } } }""");
        Assert.That((await FindAsync()).IsEmpty);
    }

    [Test]
    public async Task A_registrys_credential_helper_wins_over_credsStore_and_auths()
    {
        Config($$"""{ "credsStore": "none-such", "credHelpers": { "{{Registry}}": "mstest" }, "auths": { "{{Registry}}": { "auth": "{{Auth("file", "x")}}" } } }""");
        Helper("mstest", Registry, """{"ServerURL":"127.0.0.1:5000","Username":"helper","Secret":"s3cret"}""");

        var found = await FindAsync();

        Assert.That((found.Username, found.Password), Is.EqualTo(("helper", "s3cret")));
        Assert.That(File.ReadAllText(Path.Combine(_directory, "mstest.asked")).Trim(), Is.EqualTo(Registry), "the server address on stdin");
        Assert.That(found.ToString(), Is.EqualTo("the credential helper docker-credential-mstest"));
    }

    [Test]
    public async Task The_username_token_makes_the_secret_an_identity_token()
    {
        Config("""{ "credsStore": "mstest" }""");
        Helper("mstest", Registry, """{"Username":"<token>","Secret":"refresh"}""");

        var found = await FindAsync();

        Assert.That((found.Username, found.Password, found.IdentityToken), Is.EqualTo(((string?)null, (string?)null, "refresh")));
    }

    [Test]
    public async Task A_helper_with_nothing_for_the_registry_means_no_credentials_even_with_an_auths_entry()
    {
        Config($$"""{ "credsStore": "mstest", "auths": { "{{Registry}}": { "auth": "{{Auth("file", "x")}}" } } }""");
        Helper("mstest", "elsewhere:1", """{"Username":"u","Secret":"s"}""");

        Assert.That((await FindAsync()).IsEmpty);
    }

    [Test]
    public async Task A_missing_or_failing_helper_is_a_warning_that_quotes_nothing_it_printed_and_leaves_the_files_entry()
    {
        Config($$"""{ "credsStore": "absent", "auths": { "{{Registry}}": { "auth": "{{Auth("file", "x")}}" } } }""");
        var fallback = await FindAsync();
        Assert.That(fallback.Username, Is.EqualTo("file"), "as the CLI: the file store's entry when the helper fails");
        Assert.That(_log.Lines, Has.One.EqualTo("MSTAGE5007"));

        Config("""{ "credsStore": "broken" }""");
        Script("broken", "#!/bin/sh\necho 'half a secret: hunter2'\nexit 3\n");
        _log.Warnings.Clear();
        var found = await FindAsync();
        Assert.That(found.IsEmpty);
        Assert.That(_log.Warnings.Single().Message, Does.Contain("exited with code 3").And.Contain("without credentials").And.Not.Contain("hunter2"));
    }

    [Test]
    public async Task Without_any_credential_setting_the_platforms_default_helper_is_used_when_it_is_on_path()
    {
        Config("""{ "currentContext": "default" }""");
        Helper("secretservice", Registry, """{"Username":"keyring","Secret":"s"}""");

        Assert.That((await FindAsync()).Username, Is.EqualTo("keyring"));

        Config($$"""{ "auths": { "other:1": { "auth": "{{Auth("u", "p")}}" } } }""");
        Assert.That((await FindAsync()).IsEmpty, "a file with credential settings never falls back to the default helper");
    }

    [Test]
    public async Task DOCKER_AUTH_CONFIG_is_asked_first_and_falls_back_to_the_file()
    {
        Config($$"""{ "auths": { "{{Registry}}": { "auth": "{{Auth("file", "x")}}" }, "other:1": { "auth": "{{Auth("fileother", "x")}}" } } }""");
        _environment["DOCKER_AUTH_CONFIG"] = $$"""{ "auths": { "{{Registry}}": { "auth": "{{Auth("env", "y")}}" } } }""";

        Assert.That((await FindAsync()).Username, Is.EqualTo("env"));
        Assert.That((await FindAsync("other:1")).Username, Is.EqualTo("fileother"));
    }

    [TestCase("{ \"auths\": { \"127.0.0.1:5000\": { \"auth\": \"not base64 hunter2\" } } }", "is not base64 of user:password", TestName = "An auth value that is not base64 makes the file unreadable")]
    [TestCase("{ \"auths\": \"hunter2\" ", "not a JSON object", TestName = "A file that is not JSON is unreadable")]
    public async Task A_config_that_cannot_be_read_counts_as_empty_with_a_warning_that_does_not_quote_it(string json, string reason)
    {
        Config(json);
        var found = await FindAsync();

        Assert.That(found.IsEmpty);
        Assert.That(_log.Warnings.Single().Code, Is.EqualTo("MSTAGE5007"));
        Assert.That(_log.Warnings.Single().Message, Does.Contain(reason).And.Not.Contain("hunter2"));
    }

    [TestCase("https://h.example:443/v1/", "h.example:443")]
    [TestCase("https://h.example/v1/", "h.example")]
    [TestCase("http://[::1]:5000", "[::1]:5000")]
    [TestCase("h.example:5000", "h.example:5000")]
    public void Keys_reduce_to_host_and_port(string key, string host) => Assert.That(CredentialLookup.ToHostname(key), Is.EqualTo(host));
}
