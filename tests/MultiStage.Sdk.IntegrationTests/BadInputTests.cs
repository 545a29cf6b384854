extern alias sdk;

using sdk::MultiStage.Sdk.Engine;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>Bad input ends in one coded error that says what to do: no stack trace, no image, no leftover container.</summary>
[NonParallelizable]
public class BadInputTests
{
    /// <summary>The builder stage restores and compiles in the engine: what the tests of a step failing or interrupted there need.</summary>
    private const string FromSource = "-p:MultiStageBuildFrom=source";

    private static readonly Dictionary<string, string> NoEngine = new() { ["DOCKER_HOST"] = "unix:///tmp/multistage-no-such-engine.sock" };

    private static int _copies;
    private TestApp _app = null!;

    [SetUp]
    public void CopySample() => _app = TestApp.FromSample("dotnet-console", $"bad-{++_copies}");

    [TearDown]
    public async Task Clean()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            _app.KeepEvidence(TestContext.CurrentContext.Test.Name);
        }

        await Engine.RemoveImageAsync(_app.Reference);
    }

    private static void AssertNoStackTrace(PublishResult result)
    {
        Assert.That(result.Lines, Has.None.Match(@"^\s+at \S+\(.*\)"), "a stack trace reached the user");
        Assert.That(result.Output, Does.Not.Contain("Exception:"));
    }

    [Test]
    public void An_unreachable_engine_is_MSTAGE3001_naming_the_endpoint()
    {
        var result = _app.Publish(environment: NoEngine);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Output, Does.Contain("error MSTAGE3001").And.Contain("unix:///tmp/multistage-no-such-engine.sock").And.Contain("DOCKER_HOST"));
        AssertNoStackTrace(result);
    }

    [Test]
    public void Render_only_needs_no_engine_and_uses_the_defaults()
    {
        var result = _app.Publish(["-p:MultiStageBuildImage=false"], NoEngine, defaultRepository: true);

        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.Repository, Is.EqualTo("dotnet-console"));
        var dockerfile = File.ReadAllText(_app.RenderedDockerfile);
        Assert.That(dockerfile, Does.Contain("FROM mcr.microsoft.com/dotnet/runtime:10.0 AS final").And.Contain("COPY app/ ."));
        Assert.That(dockerfile, Does.Not.Contain(" AS builder"), "the default makes the image from the publish");
        Assert.That(File.Exists(Path.Combine(Path.GetDirectoryName(_app.RenderedDockerfile)!, ".dockerignore")));
        Assert.That(result.Output, Does.Not.Contain("MSTAGE3001"));
    }

    [TestCase("-p:ContainerRepository=My_App", "MSTAGE1001")]
    [TestCase("-p:ContainerRepository=", "MSTAGE1001")]
    [TestCase("-p:ContainerImageTag=-bad", "MSTAGE1002")]
    public void Invalid_image_names_fail_before_any_engine_call(string argument, string code)
    {
        var result = _app.Publish([argument], NoEngine);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Output, Does.Contain($"error {code}").And.Not.Contain("MSTAGE3001"));
        AssertNoStackTrace(result);
    }

    [Test]
    public void A_compile_error_fails_the_publish_with_the_compilers_message()
    {
        _app.Edit("Program.cs", s => s.Replace(");", ")", StringComparison.Ordinal));
        var result = _app.Publish();

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Output, Does.Contain("Program.cs(1,").And.Contain("error CS1002"));
    }

    [Test]
    public void A_compile_error_inside_the_builder_is_reported_at_the_file_on_this_machine()
    {
        // Helper.cs builds here but stays out of the context, so only the builder's compile fails.
        File.WriteAllText(_app.PathOf("Helper.cs"), "static class Helper { public static string Name => \"helper\"; }\n");
        File.WriteAllText(_app.PathOf(".dockerignore"), "Helper.cs\n");
        _app.Edit("Program.cs", s => s + "Console.WriteLine(Helper.Name);\n");
        var result = _app.Publish([FromSource]);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Output, Does.Contain($"{_app.PathOf("Program.cs")}(2,19): error CS0103: The name 'Helper' does not exist in the current context"));
        Assert.That(result.Output, Does.Contain("error MSTAGE4001"));
        AssertNoStackTrace(result);
    }

    [Test]
    public async Task Ctrl_C_during_the_image_build_stops_promptly_and_leaves_no_container()
    {
        SlowInTheBuilder();
        var containersBefore = await Engine.ContainerIdsAsync();

        var result = _app.Publish([FromSource], interruptWhen: line => line.Contains(" : RUN ", StringComparison.Ordinal) && line.Contains("dotnet publish", StringComparison.Ordinal));

        Assert.That(result.StoppedAfterInterrupt, Is.Not.Null, "the build never reached the publish step:\n" + result);
        Assert.That(result.StoppedAfterInterrupt, Is.LessThan(TimeSpan.FromSeconds(30)), result.ToString());
        Assert.That(result.Succeeded, Is.False);
        AssertNoStackTrace(result);
        Assert.That(await Engine.ExistsAsync(_app.Reference), Is.False, "a canceled build left a tagged image");
        await AssertNoContainerLeftAsync(containersBefore, "a canceled build left a container");
    }

    [Test]
    public async Task The_engine_lost_in_the_middle_of_a_step_is_MSTAGE4004_and_leaves_no_container()
    {
        SlowInTheBuilder();
        var containersBefore = await Engine.ContainerIdsAsync();
        await using var proxy = new EngineProxy(cutWhenEngineSays: "dotnet publish");

        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = _app.Publish([FromSource], environment: new Dictionary<string, string> { ["DOCKER_HOST"] = proxy.DockerHost });

        Assert.That(proxy.Cut, "the build never reached the publish step:\n" + result);
        Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromMinutes(3)), "the publish waited for the lost step");
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Output, Does.Contain("error MSTAGE4004").And.Contain(proxy.DockerHost).And.Contain("closed in the middle of the engine's answer"));
        AssertNoStackTrace(result);
        Assert.That(await Engine.ExistsAsync(_app.Reference), Is.False, "a lost build left a tagged image");
        await AssertNoContainerLeftAsync(containersBefore, "a lost build left a container");
    }

    /// <summary>The app's compile sleeps inside the builder only, so an interruption lands in the middle of a RUN step.</summary>
    private void SlowInTheBuilder() =>
        _app.Edit("dotnet-console.csproj", s => s.Replace("</Project>", """
              <Target Name="SlowInTheBuilder" BeforeTargets="CoreCompile" Condition="'$(DOTNET_RUNNING_IN_CONTAINER)' == 'true'">
                <Exec Command="sleep 300" />
              </Target>
            </Project>
            """, StringComparison.Ordinal));

    /// <summary>The engine removes a step's container once the request is gone: gives it a few seconds.</summary>
    private static async Task AssertNoContainerLeftAsync(IReadOnlyList<string> containersBefore, string message)
    {
        var remaining = await Engine.ContainerIdsAsync();
        for (var wait = 0; wait < 20 && remaining.Except(containersBefore).Any(); wait++)
        {
            await Task.Delay(500);
            remaining = await Engine.ContainerIdsAsync();
        }

        Assert.That(remaining, Is.EquivalentTo(containersBefore), message);
    }

    [Test]
    public async Task A_failing_step_is_MSTAGE4001_at_its_dockerfile_line_and_leaves_nothing_behind()
    {
        var containersBefore = await Engine.ContainerIdsAsync();

        // A builder without the .NET SDK: the host build passes, the restore step fails inside the engine.
        var result = _app.Publish([FromSource, "-p:ContainerBuilderImage=multistage-standin/debian:12"]);

        Assert.That(result.Succeeded, Is.False);
        // The restore's RUN starts on its own line; with BuildKit its command follows the cache mount's line.
        var restoreLine = DockerfileSteps.Parse(File.ReadAllText(_app.RenderedDockerfile)).Single(s => s.Instruction == "RUN" && s.Text.Contains("dotnet restore", StringComparison.Ordinal)).Line;
        Assert.That(result.Output, Does.Contain($"{_app.RenderedDockerfile}({restoreLine}): error MSTAGE4001"));
        // The exit code of a command not found, in each builder's words (BuildKit: "exit code: 127").
        Assert.That(result.Output, Does.Match("(returned a non-zero code|exit code): 127").And.Contain("That step's output is above"));
        Assert.That(result.Output, Does.Not.Contain("PROBE ContainerImageSize"));
        AssertNoStackTrace(result);
        Assert.That(await Engine.ExistsAsync(_app.Reference), Is.False, "a failed build left a tagged image");
        Assert.That(await Engine.ContainerIdsAsync(), Is.EquivalentTo(containersBefore), "a failed build left a container");
    }

    [Test]
    public async Task A_base_image_that_cannot_be_pulled_is_MSTAGE4009_naming_it_and_what_to_check()
    {
        // A registry on a loopback port nobody listens on: the pull is refused at once, and stays on this machine.
        const string image = "127.0.0.1:9/nowhere/runtime:10.0";
        var result = _app.Publish([$"-p:ContainerBaseImage={image}"]);

        Assert.That(result.Succeeded, Is.False);
        var fromLine = DockerfileSteps.Parse(File.ReadAllText(_app.RenderedDockerfile)).Single(s => s.BaseImage == image).Line;
        Assert.That(result.Output, Does.Contain($"{_app.RenderedDockerfile}({fromLine}): error MSTAGE4009").And.Contain($"The base image '{image}' is not on the engine and could not be pulled"));
        Assert.That(result.Output, Does.Contain("ContainerBaseImage").And.Contain("docker login").And.Contain("connection refused"));
        Assert.That(result.Output, Does.Not.Contain("output is above"));
        AssertNoStackTrace(result);
        Assert.That(await Engine.ExistsAsync(_app.Reference), Is.False);
    }

    [Test]
    public void A_failing_step_that_printed_nothing_says_so_instead_of_pointing_above()
    {
        File.WriteAllText(_app.PathOf("Dockerfile"), "FROM mcr.microsoft.com/dotnet/runtime:10.0\nRUN false\n");
        var result = _app.Publish(["-p:MultiStageDockerfile=Dockerfile"]);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Output, Does.Contain($"{_app.PathOf("Dockerfile")}(2): error MSTAGE4001").And.Contain("The step printed nothing."));
        Assert.That(result.Output, Does.Not.Contain("output is above"));
    }

    [Test]
    public void ContainerImageName_names_the_image_as_in_SDK_containers_with_a_warning_that_names_ContainerRepository()
    {
        var legacy = _app.Publish(["-p:MultiStageBuildImage=false", "-p:ContainerImageName=team/legacy-name"], NoEngine, defaultRepository: true);

        Assert.That(legacy.Succeeded, legacy.ToString());
        Assert.That(legacy.Repository, Is.EqualTo("team/legacy-name"));
        Assert.That(legacy.Output, Does.Contain("warning MSTAGE1048").And.Contain("Set ContainerRepository instead"));

        var both = _app.Publish(["-p:MultiStageBuildImage=false", "-p:ContainerImageName=team/legacy-name", "-p:ContainerRepository=team/new-name"], NoEngine);
        Assert.That(both.Repository, Is.EqualTo("team/new-name"));
        Assert.That(both.Output, Does.Contain("warning MSTAGE1048").And.Contain("Remove ContainerImageName"));
    }

    [Test]
    public void A_MultiStageBuildFrom_that_is_neither_publish_nor_source_is_MSTAGE1029()
    {
        var result = _app.Publish(["-p:MultiStageBuildFrom=docker"]);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Output, Does.Contain("error MSTAGE1029").And.Contain("'docker'"));
        AssertNoStackTrace(result);
    }

    [Test]
    public async Task MultiStageTarget_builder_of_an_image_made_from_the_publish_is_MSTAGE1031_before_the_engine_is_called()
    {
        var containersBefore = await Engine.ContainerIdsAsync();
        var result = _app.Publish(["-p:MultiStageTarget=builder"]);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Output, Does.Contain("error MSTAGE1031").And.Contain("MultiStageBuildFrom=source"));
        Assert.That(result.Output, Does.Not.Contain("Step 1/"), "the engine was asked to build");
        AssertNoStackTrace(result);
        Assert.That(await Engine.ExistsAsync(_app.Reference), Is.False);
        Assert.That(await Engine.ContainerIdsAsync(), Is.EquivalentTo(containersBefore));
    }
}
