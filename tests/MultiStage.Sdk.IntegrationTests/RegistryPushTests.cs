using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// ContainerRegistry: the console sample's image pushed to Debian's docker-registry on 127.0.0.1, over plain
/// HTTP and with htpasswd behind TLS, with credentials from config.json's auths or a credential helper, as
/// the docker CLI finds them; failures are coded errors, and no credential reaches a log or a binlog.
/// </summary>
[NonParallelizable]
[UnsupportedOSPlatform("windows")]
public class RegistryPushTests
{
    private const string User = "mstest";

    // Unique per run, so finding it in a log can only mean this test's credentials leaked.
    private readonly string _password = $"Pw-{Guid.NewGuid():N}";
    private TestApp _app = null!;
    private TestRegistry _plain = null!;
    private TestRegistry _secured = null!;
    private string _directory = "";

    [OneTimeSetUp]
    public void StartRegistries()
    {
        _app = TestApp.FromSample("dotnet-console", "push");
        _directory = Path.Combine(IntegrationRun.Directory, "push-registries");
        _plain = TestRegistry.StartPlain(Path.Combine(_directory, "plain"));
        _secured = TestRegistry.StartSecured(Path.Combine(_directory, "secured"), User, _password);
    }

    [OneTimeTearDown]
    public async Task StopRegistries()
    {
        _plain?.Dispose();
        _secured?.Dispose();
        // The run's repository is unique: every tag of it, local or for a registry, is this fixture's.
        foreach (var tag in await Engine.TagsOfAsync(_app.Repository))
        {
            await Engine.RemoveImageAsync(tag);
        }
    }

    [Test]
    public async Task A_plain_http_push_sends_every_tag_and_reports_the_registrys_digest()
    {
        var publish = Publish(_plain, "{}", ["-p:ContainerImageTags=\"latest;v2\""]);

        Assert.That(publish.Succeeded, publish.ToString());
        var digest = publish.ImageDigest;
        Assert.That(digest, Does.Match("^sha256:[0-9a-f]{64}$"));
        Assert.That(await _plain.TagsAsync(_app.Repository), Is.EquivalentTo(new[] { "latest", "v2" }));
        Assert.That(await _plain.ManifestDigestAsync(_app.Repository, "latest"), Is.EqualTo(digest));
        Assert.That(await _plain.ManifestDigestAsync(_app.Repository, "v2"), Is.EqualTo(digest));

        var pushed = $"{_plain.Host}/{_app.Repository}";
        Assert.That(publish.Lines.Select(l => l.Trim()), Does.Contain($"{_app.ProjectName} -> pushed {pushed}:latest@{digest}").And.Contain($"{_app.ProjectName} -> pushed {pushed}:v2@{digest}"));
        Assert.That(publish.PushedImages.Select(i => (i["Identity"], i["Registry"], i["Digest"], i["PushedReference"])), Is.EquivalentTo(new[]
        {
            (_app.Reference, _plain.Host, digest, $"{pushed}:latest@{digest}"),
            ($"{_app.Repository}:v2", _plain.Host, digest, $"{pushed}:v2@{digest}"),
        }));

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_app.RenderedDirectory, "report.json")));
        var part = report.RootElement.GetProperty("pushed");
        Assert.That(part.GetProperty("registry").GetString(), Is.EqualTo(_plain.Host));
        Assert.That(part.GetProperty("digest").GetString(), Is.EqualTo(digest));
        Assert.That(part.GetProperty("references").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { $"{pushed}:latest", $"{pushed}:v2" }));

        // Unchanged and without ContainerRegistry: the build is skipped and the report no longer claims a push.
        var again = Publish(null, "{}", ["-p:ContainerImageTags=\"latest;v2\""]);
        Assert.That(again.Succeeded, again.ToString());
        Assert.That(again.Output, Does.Contain("is up to date"));
        Assert.That(again.ImageDigest, Is.Empty);
        using var after = JsonDocument.Parse(File.ReadAllText(Path.Combine(_app.RenderedDirectory, "report.json")));
        Assert.That(after.RootElement.GetProperty("pushed").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Tls_with_htpasswd_takes_the_config_json_auths_entry_and_no_log_holds_the_password()
    {
        var config = $$"""{ "auths": { "{{_secured.Host}}": { "auth": "{{Base64($"{User}:{_password}")}}" } } }""";

        var publish = Publish(_secured, config, ["-v:diag"]);

        Assert.That(publish.Succeeded, publish.ToString());
        Assert.That(await _secured.TagsAsync(_app.Repository), Does.Contain("latest"));
        Assert.That(await _secured.ManifestDigestAsync(_app.Repository, "latest"), Is.EqualTo(publish.ImageDigest));
        Assert.That(publish.Output, Does.Contain($"credentials from auths['{_secured.Host}']"));
        AssertNoSecretLogged(publish);
    }

    [Test]
    public async Task A_credential_helper_named_by_credHelpers_is_asked_for_the_registry()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_directory, "helper-bin")).FullName;
        var helper = Path.Combine(bin, "docker-credential-mstest");
        File.WriteAllText(helper, $$"""
            #!/bin/sh
            [ "$1" = get ] || exit 1
            read -r server
            [ "$server" = "{{_secured.Host}}" ] || { echo "credentials not found in native keychain"; exit 1; }
            echo '{"ServerURL":"{{_secured.Host}}","Username":"{{User}}","Secret":"{{_password}}"}'
            """);
        File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = $$"""{ "credsStore": "not-installed", "credHelpers": { "{{_secured.Host}}": "mstest" } }""";

        var publish = Publish(_secured, config, ["-v:diag", "-p:ContainerImageTag=helper"], new() { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}" });

        Assert.That(publish.Succeeded, publish.ToString());
        Assert.That(await _secured.TagsAsync(_app.Repository), Does.Contain("helper"));
        Assert.That(publish.Output, Does.Contain("credentials from the credential helper docker-credential-mstest"));
        AssertNoSecretLogged(publish);
    }

    [Test]
    public void A_wrong_password_is_a_coded_error_that_names_where_the_credentials_came_from()
    {
        var wrong = $"Wrong-{Guid.NewGuid():N}";
        var config = $$"""{ "auths": { "{{_secured.Host}}": { "auth": "{{Base64($"{User}:{wrong}")}}" } } }""";

        var publish = Publish(_secured, config, ["-v:diag", "-p:ContainerImageTag=refused"], fails: true);

        Assert.That(publish.Succeeded, Is.False, publish.ToString());
        Assert.That(publish.Output, Does.Contain("error MSTAGE5004").And.Contain($"auths['{_secured.Host}']"));
        Assert.That(publish.Output, Does.Not.Contain(wrong).And.Not.Contain(" at MultiStage."));
        AssertNotInLogs(wrong, Base64($"{User}:{wrong}"));
    }

    [Test]
    public void A_registry_that_does_not_answer_is_a_coded_error()
    {
        var closed = $"127.0.0.1:{Engine.FreeLoopbackPort()}";

        var publish = Publish(null, "{}", [$"-p:ContainerRegistry={closed}", "-p:ContainerImageTag=unreachable"], fails: true);

        Assert.That(publish.Succeeded, Is.False, publish.ToString());
        Assert.That(publish.Output, Does.Contain("error MSTAGE5003").And.Contain($"'{closed}'"));
        Assert.That(publish.Output, Does.Not.Contain(" at MultiStage."));
    }

    /// <summary>Publishes with a config.json of its own (DOCKER_CONFIG), so the machine's docker login plays no part.</summary>
    private PublishResult Publish(TestRegistry? registry, string configJson, string[] arguments, Dictionary<string, string>? environment = null, bool fails = false)
    {
        var config = Directory.CreateDirectory(Path.Combine(_directory, $"docker-config-{Guid.NewGuid():N}")).FullName;
        File.WriteAllText(Path.Combine(config, "config.json"), configJson);
        var env = new Dictionary<string, string>(environment ?? []) { ["DOCKER_CONFIG"] = config };
        string[] args = registry is null ? arguments : [$"-p:ContainerRegistry={registry.Host}", .. arguments];
        var publish = _app.Publish(args, env);
        if (publish.Succeeded == fails)
        {
            _app.KeepEvidence(TestContext.CurrentContext.Test.Name);
        }

        return publish;
    }

    private void AssertNoSecretLogged(PublishResult publish)
    {
        Assert.That(publish.Output, Does.Contain("Environment at start of build").Or.Contain("Initial Properties"), "the log is at diagnostic verbosity");
        AssertNotInLogs(_password, Base64($"{User}:{_password}"));
    }

    /// <summary>The text log, the binlog's events replayed at diagnostic verbosity, and the binlog's raw bytes hold none of <paramref name="secrets"/>.</summary>
    private void AssertNotInLogs(params string[] secrets)
    {
        var binlog = _app.LastBinlog;
        var textLog = Path.ChangeExtension(binlog, ".log");
        var replay = Path.ChangeExtension(binlog, ".replay.log");
        var replayed = DotNetCli.Run(_app.Root, ["msbuild", binlog, "-noconlog", $"-flp:logfile={replay};verbosity=diagnostic"], Path.ChangeExtension(binlog, ".replay-run.log"));
        Assert.That(replayed.Succeeded && File.Exists(replay), replayed.ToString());
        Assert.That(new FileInfo(replay).Length, Is.GreaterThan(100_000), "the replay is the diagnostic log");

        using var raw = new MemoryStream();
        using (var gzip = new GZipStream(File.OpenRead(binlog), CompressionMode.Decompress))
        {
            gzip.CopyTo(raw);
        }

        // A search that finds nothing proves something only where the push's own messages are found.
        var bytes = raw.ToArray();
        var pushed = $"-> pushed {_secured.Host}/";
        Assert.That(File.ReadAllText(replay), Does.Contain(pushed).Or.Contain("error MSTAGE5004"), "the replay holds the push's messages");
        Assert.That(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"Pushing {_app.Repository}:")), Is.Not.EqualTo(-1), "the raw binlog holds the push's messages");
        foreach (var secret in secrets)
        {
            Assert.That(File.ReadAllText(textLog), Does.Not.Contain(secret), "text log");
            Assert.That(File.ReadAllText(replay), Does.Not.Contain(secret), "binlog replayed");
            Assert.That(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)), Is.EqualTo(-1), "binlog bytes (UTF-8)");
            Assert.That(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)), Is.EqualTo(-1), "binlog bytes (UTF-16)");
        }
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
