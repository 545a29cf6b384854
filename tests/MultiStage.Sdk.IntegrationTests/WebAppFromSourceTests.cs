using System.Net;
using System.Text.Json;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>The web sample built from its sources in the builder stage (MultiStageBuildFrom=source): restore and compile in the SDK image.</summary>
[NonParallelizable]
public class WebAppFromSourceTests() : PublishedAppFixture("dotnet-web", "web-source", "-p:MultiStageBuildFrom=source")
{
    [Test]
    [Order(1)]
    public async Task The_builder_stage_restores_and_publishes_and_the_image_answers_without_the_sdk()
    {
        var answer = await GetRootAsync();
        var (_, sdks) = await Engine.RunAsync(App.Reference, ["/bin/sh", "-c", "dotnet --list-sdks; ls /usr/share/dotnet"]);

        Assert.That((answer.Status, answer.Body), Is.EqualTo((HttpStatusCode.OK, "Hello from a multi-stage image!")), answer.Logs);
        Assert.That(sdks, Does.Not.Contain("10.0.").And.Not.Contain("sdk\n"));
        Assert.That(Published.RanStep("RUN dotnet restore") && Published.RanStep("RUN dotnet publish"), Published.ToString());
    }

    [Test]
    [Order(1)]
    public void The_report_compares_the_image_with_its_builder_stage()
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(App.RenderedDirectory, "report.json")));
        var root = report.RootElement;

        Assert.That(root.GetProperty("buildFrom").GetString(), Is.EqualTo("source"));
        Assert.That(root.GetProperty("builderStage").GetString(), Is.EqualTo("builder"));
        Assert.That(root.GetProperty("builderSize").GetInt64(), Is.GreaterThan(root.GetProperty("size").GetInt64()));
        Assert.That(Published.SummaryLine(App.ProjectName, App.Reference), Does.Match(@"\(builder stage \d[\d.]* MB, \d+ % smaller\)"));
    }

    [Test]
    [Order(2)] // last: it changes the image the other tests check
    public async Task Editing_only_a_source_file_takes_the_restore_step_from_cache()
    {
        // A text of this run only: the engine keeps the builder stage's layers of earlier runs, and the same
        // edit made with the same package would find its publish step in that cache.
        var again = $"Hello again from run {Path.GetFileName(IntegrationRun.Directory)}!";
        App.Edit("Program.cs", s => s.Replace("Hello from a multi-stage image!", again, StringComparison.Ordinal));
        var second = App.Publish(["-p:MultiStageBuildFrom=source"]);

        Assert.That(second.Succeeded, second.ToString());
        Assert.That(second.StepCached("RUN dotnet restore"), Is.True, "the restore step ran again");
        Assert.That(second.StepCached("RUN dotnet publish"), Is.False, "the publish step must run again for the new source");

        var answer = await GetRootAsync();
        Assert.That((answer.Status, answer.Body), Is.EqualTo((HttpStatusCode.OK, again)), answer.Logs);
    }

    private Task<HttpAnswer> GetRootAsync() => HttpProbe.GetAsync(App.Reference, port => [$"ASPNETCORE_HTTP_PORTS={port}"]);
}
