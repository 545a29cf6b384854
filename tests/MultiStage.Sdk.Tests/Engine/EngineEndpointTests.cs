using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Engine;

/// <summary>Which engine is used, by the docker CLI's order: MultiStageDockerHost, DOCKER_HOST, DOCKER_CONTEXT, currentContext, the default socket.</summary>
public class EngineEndpointTests
{
    private DockerHome _home = null!;

    [SetUp]
    public void CreateHome() => _home = new DockerHome();

    [TearDown]
    public void DeleteHome() => _home.Dispose();

    [Test]
    public void Nothing_set_is_the_default_socket()
    {
        var endpoint = _home.Resolve();

        Assert.That(endpoint.Host, Is.EqualTo(new Uri("unix:///var/run/docker.sock")));
        Assert.That(endpoint.Tls, Is.Null);
        Assert.That(endpoint.Origin, Does.Contain("default"));
    }

    [Test]
    public void MultiStageDockerHost_overrides_DOCKER_HOST_and_every_context()
    {
        _home.Environment["DOCKER_HOST"] = "tcp://10.0.0.1:2375";
        _home.Environment["DOCKER_CONTEXT"] = "remote";
        _home.AddContext("remote", "tcp://10.0.0.2:2375");

        var endpoint = _home.Resolve(" unix:///run/user/1000/docker.sock ");

        Assert.That(endpoint.Host, Is.EqualTo(new Uri("unix:///run/user/1000/docker.sock")));
        Assert.That(endpoint.Origin, Is.EqualTo("MultiStageDockerHost"));
    }

    [Test]
    public void DOCKER_HOST_overrides_DOCKER_CONTEXT_and_currentContext()
    {
        _home.Environment["DOCKER_HOST"] = "tcp://10.0.0.1:2375";
        _home.Environment["DOCKER_CONTEXT"] = "missing";
        _home.UseContext("also-missing");

        var endpoint = _home.Resolve();

        Assert.That(endpoint, Is.EqualTo(new EngineEndpoint(new Uri("tcp://10.0.0.1:2375"), "DOCKER_HOST", null)));
        Assert.That(endpoint.ToString(), Is.EqualTo("tcp://10.0.0.1:2375 (from DOCKER_HOST)"));
    }

    [Test]
    public void DOCKER_CONTEXT_overrides_currentContext()
    {
        _home.AddContext("one", "tcp://10.0.0.1:2375");
        _home.AddContext("two", "unix:///tmp/two.sock");
        _home.UseContext("one");
        _home.Environment["DOCKER_CONTEXT"] = "two";

        var endpoint = _home.Resolve();

        Assert.That(endpoint.Host, Is.EqualTo(new Uri("unix:///tmp/two.sock")));
        Assert.That(endpoint.Origin, Is.EqualTo("context 'two' (DOCKER_CONTEXT)"));
    }

    [Test]
    public void The_current_context_is_read_from_the_config_in_DOCKER_CONFIG()
    {
        var elsewhere = Path.Combine(_home.Home, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        _home.AddContext("remote", "tcp://10.0.0.9:2375", configDirectory: elsewhere);
        _home.UseContext("remote", elsewhere);
        _home.UseContext("not-this-one");
        _home.Environment["DOCKER_CONFIG"] = elsewhere;

        var endpoint = _home.Resolve();

        Assert.That(endpoint.Host, Is.EqualTo(new Uri("tcp://10.0.0.9:2375")));
        Assert.That(endpoint.Origin, Is.EqualTo($"context 'remote' (currentContext in {Path.Combine(elsewhere, "config.json")})"));
    }

    [TestCase(null)]
    [TestCase("DOCKER_CONTEXT")]
    public void The_default_context_is_the_default_socket(string? variable)
    {
        if (variable is null)
        {
            _home.UseContext("default");
        }
        else
        {
            _home.Environment[variable] = "default";
        }

        Assert.That(_home.Resolve().Host, Is.EqualTo(new Uri("unix:///var/run/docker.sock")));
    }

    [Test]
    public void A_config_without_currentContext_is_the_default_socket()
    {
        File.WriteAllText(Path.Combine(_home.ConfigDirectory, "config.json"), """{ "auths": {} }""");

        Assert.That(_home.Resolve().Host, Is.EqualTo(new Uri("unix:///var/run/docker.sock")));
    }

    [Test]
    public void An_unreadable_config_is_warning_MSTAGE3007_naming_the_file_and_the_engine_is_found_without_it_as_by_the_cli()
    {
        File.WriteAllText(Path.Combine(_home.ConfigDirectory, "config.json"), "{ not json");
        var warnings = new List<Diagnostic>();

        var endpoint = EngineEndpoint.Resolve(null, name => _home.Environment.GetValueOrDefault(name), _home.Home, warnings.Add);

        Assert.That(endpoint.Host, Is.EqualTo(new Uri("unix:///var/run/docker.sock")));
        Assert.That(warnings.Select(w => w.Code), Is.EqualTo(new[] { "MSTAGE3007" }));
        Assert.That(warnings[0].Message, Does.Contain(Path.Combine(_home.ConfigDirectory, "config.json")));
    }

    [TestCase("DOCKER_CONTEXT")]
    [TestCase(null)]
    public void A_missing_context_is_MSTAGE3003_naming_it_and_where_it_was_chosen(string? variable)
    {
        if (variable is null)
        {
            _home.UseContext("gone");
        }
        else
        {
            _home.Environment[variable] = "gone";
        }

        var e = Assert.Throws<MultiStageException>(() => _home.Resolve())!;

        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE3003"));
        Assert.That(e.Diagnostic.Message, Does.Contain("'gone'").And.Contain(variable ?? "currentContext").And.Contain("docker context create"));
    }

    [Test]
    public void A_context_without_a_docker_endpoint_is_MSTAGE3002()
    {
        _home.AddContext("empty", "");
        _home.Environment["DOCKER_CONTEXT"] = "empty";

        var e = Assert.Throws<MultiStageException>(() => _home.Resolve())!;

        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE3002"));
        Assert.That(e.Diagnostic.Message, Does.Contain("Endpoints.docker.Host"));
    }

    [TestCase("tcp://10.0.0.1", "tcp://10.0.0.1:2375")]
    [TestCase("tcp://10.0.0.1:4243", "tcp://10.0.0.1:4243")]
    [TestCase("unix:///var/run/docker.sock", "unix:///var/run/docker.sock")]
    [TestCase("npipe:////./pipe/docker_engine", "npipe://./pipe/docker_engine")]
    public void An_address_is_read_as_the_CLI_reads_it(string value, string expected)
    {
        _home.Environment["DOCKER_HOST"] = value;

        Assert.That(_home.Resolve().Host, Is.EqualTo(new Uri(expected)));
    }

    [TestCase("10.0.0.1:2375")]
    [TestCase("http://10.0.0.1:2375")]
    [TestCase("not an address")]
    public void An_address_without_an_engine_scheme_is_MSTAGE3002_naming_where_it_came_from(string value)
    {
        _home.Environment["DOCKER_HOST"] = value;

        var e = Assert.Throws<MultiStageException>(() => _home.Resolve())!;

        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE3002"));
        Assert.That(e.Diagnostic.Message, Does.Contain($"DOCKER_HOST '{value}'").And.Contain("tcp://host:port"));
    }

    [Test]
    public void An_ssh_endpoint_is_MSTAGE3006_with_a_way_around()
    {
        var e = Assert.Throws<MultiStageException>(() => _home.Resolve("ssh://me@build-box"))!;

        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE3006"));
        Assert.That(e.Diagnostic.Message, Does.Contain("ssh://me@build-box").And.Contain("MultiStageDockerHost").And.Contain("ssh -L"));
    }
}
