using System.Net;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>The web sample (dotnet new web, net10.0), published once with the package and checked as a user would.</summary>
/// <remarks>The publish sets a size budget above the image's size, which must pass (see WebAppSizeReportTests.cs).</remarks>
[NonParallelizable]
public partial class WebAppTests() : PublishedAppFixture("dotnet-web", "web", $"-p:ContainerImageSizeLimit={BudgetAbove}")
{
    [Test]
    [Order(1)]
    public Task The_image_is_tagged_and_its_size_is_the_engines_own_figure() => AssertTaggedWithTheEnginesSizeAsync();

    [Test]
    [Order(1)]
    public async Task The_container_answers_http_200_on_loopback()
    {
        var answer = await GetRootAsync(App.Reference);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Logs);
        Assert.That(answer.Body, Is.EqualTo("Hello from a multi-stage image!"));
    }

    [Test]
    [Order(1)]
    public async Task The_image_holds_no_dotnet_sdk()
    {
        var (exitCode, output) = await Engine.RunAsync(App.Reference, ["/bin/sh", "-c", "ls /usr/share/dotnet; echo sdks:; dotnet --list-sdks"]);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("shared").And.Not.Contain("\nsdk\n").And.Not.Contain("packs"));
        Assert.That(output.Split("sdks:")[1].Trim(), Is.Empty);
    }

    [Test]
    [Order(1)]
    public Task The_app_does_not_run_as_root() => AssertRunsAsAsync("1654");

    [Test]
    [Order(1)]
    public void The_rendered_dockerfile_is_in_the_intermediate_folder() =>
        Assert.That(File.ReadAllText(App.RenderedDockerfile), Does.Contain("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final"));

    [Test]
    [Order(1)]
    public void The_image_is_made_from_the_publish_output_with_nothing_built_in_the_engine()
    {
        var dockerfile = File.ReadAllLines(App.RenderedDockerfile);

        Assert.That(dockerfile.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)), Is.EqualTo(new[] { "FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final" }));
        Assert.That(dockerfile, Has.None.StartsWith("RUN"));
        Assert.That(Published.Output, Does.Not.Contain(" : RUN "), "the engine ran a step");
        Assert.That(Published.SummaryLine(App.ProjectName, App.Reference), Does.Contain("(from the publish output for linux-x64, no build in the engine)"));
    }

    [Test]
    [Order(2)] // last: it changes the image the other tests check
    public async Task Editing_only_a_source_file_rebuilds_only_the_apps_layer()
    {
        var again = $"Hello again from run {Path.GetFileName(IntegrationRun.Directory)}!";
        App.Edit("Program.cs", s => s.Replace("Hello from a multi-stage image!", again, StringComparison.Ordinal));
        var second = App.Publish();

        Assert.That(second.Succeeded, second.ToString());
        Assert.That(second.StepCached("COPY app/ ."), Is.False, "the app's layer must be new for the new source");
        Assert.That(second.ImageId, Is.Not.EqualTo(Published.ImageId));

        var answer = await GetRootAsync(App.Reference);
        Assert.That((answer.Status, answer.Body), Is.EqualTo((HttpStatusCode.OK, again)), answer.Logs);
    }

    private static Task<HttpAnswer> GetRootAsync(string reference) => HttpProbe.GetAsync(reference, port => [$"ASPNETCORE_HTTP_PORTS={port}"]);
}
