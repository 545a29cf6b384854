using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// MultiStageSmokeTest runs the built image for a few seconds: an app that cannot start fails the publish with
/// its own last log lines, and no container is left behind. ContainerAppCommand, ContainerAppCommandArgs and
/// ContainerDefaultArgs (SDK containers' items) set what starts.
/// </summary>
[NonParallelizable]
public class SmokeCheckTests
{
    private static int _copies;
    private TestApp _app = null!;

    [SetUp]
    public void CopySample() => _app = TestApp.FromSample("dotnet-console", $"smoke-{++_copies}");

    [TearDown]
    public async Task Clean()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            _app.KeepEvidence(TestContext.CurrentContext.Test.Name);
        }

        await Engine.RemoveImageAsync(_app.Reference);
    }

    /// <summary>Replaces the app's Program.cs.</summary>
    private void WriteProgram(string body) => File.WriteAllText(Path.Combine(_app.Directory, "Program.cs"), body);

    private void AddItems(string items)
    {
        var project = Path.Combine(_app.Directory, "dotnet-console.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>", $"  <ItemGroup>\n{items}\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));
    }

    [Test]
    public async Task An_app_that_exits_with_an_error_at_once_fails_the_publish_with_its_last_log_lines_and_leaves_no_container()
    {
        WriteProgram("""
            Console.Error.WriteLine("fatal: the setting Store:Name is missing");
            return 3;
            """);

        var result = _app.Publish();

        Assert.That(result.Succeeded, Is.False, result.ToString());
        Assert.That(result.Output, Does.Contain("error MSTAGE4007").And.Contain("exited with code 3").And.Contain("fatal: the setting Store:Name is missing"));
        Assert.That(result.Output, Does.Contain("MultiStageSmokeTest=false"), "the error says how to turn the check off for a one-shot job");
        Assert.That(await Engine.ContainersOfAsync(_app.Reference), Is.Empty, "the smoke check left a container behind");

        var again = _app.Publish();
        Assert.That(again.Output, Does.Not.Contain("is up to date"), "an image that failed its check is checked again, not reused");
        Assert.That(again.Output, Does.Contain("error MSTAGE4007"));
    }

    [Test]
    public async Task An_app_that_stays_up_passes_and_a_one_shot_app_that_exits_cleanly_is_only_reported()
    {
        WriteProgram("""Thread.Sleep(TimeSpan.FromSeconds(30));""");

        var server = _app.Publish();
        Assert.That(server.Succeeded, server.ToString());
        Assert.That(server.Output, Does.Contain("is still running after 2 s"));

        WriteProgram("""Console.WriteLine("migrated");""");
        var oneShot = _app.Publish();
        Assert.That(oneShot.Succeeded, oneShot.ToString());
        Assert.That(oneShot.Output, Does.Contain("exited with code 0 after").And.Contain("one-shot job"));
        Assert.That(await Engine.ContainersOfAsync(_app.Reference), Is.Empty, "the smoke check left a container behind");
    }

    [Test]
    public async Task ContainerAppCommand_and_its_arguments_are_the_entrypoint_and_ContainerDefaultArgs_the_cmd()
    {
        WriteProgram("""Console.WriteLine("args: " + string.Join(" ", args));""");
        AddItems("""
                <ContainerAppCommand Include="dotnet" />
                <ContainerAppCommand Include="dotnet-console.dll" />
                <ContainerAppCommandArgs Include="--mode=worker" />
                <ContainerDefaultArgs Include="--once" />
            """);

        var result = _app.Publish();
        Assert.That(result.Succeeded, result.ToString());
        var config = (await Engine.InspectAsync(_app.Reference)).Config;

        Assert.That(config!.Entrypoint, Is.EqualTo(new[] { "dotnet", "dotnet-console.dll", "--mode=worker" }));
        Assert.That(config.Cmd, Is.EqualTo(new[] { "--once" }));
        var (exitCode, output) = await Engine.RunAsync(_app.Reference);
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output.Trim(), Is.EqualTo("args: --mode=worker --once"));
    }

    [Test]
    public void A_smoke_check_setting_that_is_not_valid_is_MSTAGE1047_before_any_build()
    {
        var result = _app.Publish(["-p:MultiStageSmokeTest=true", "-p:MultiStageSmokeTestSeconds=soon"]);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Output, Does.Contain("error MSTAGE1047").And.Contain("MultiStageSmokeTestSeconds 'soon'"));
        Assert.That(result.Output, Does.Not.Contain("Step 1/"), "nothing was built");
    }
}
