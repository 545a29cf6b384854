using System.Net;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>The web sample (dotnet new web, net10.0), published once with the package and checked as a user would.</summary>
[NonParallelizable]
public class WebAppTests
{
    private TestApp _app = null!;
    private PublishResult _publish = null!;

    [OneTimeSetUp]
    public void Publish()
    {
        _app = TestApp.FromSample("dotnet-web", "web");
        _publish = _app.Publish();
        if (!_publish.Succeeded)
        {
            _app.KeepEvidence("publish");
        }

        Assert.That(_publish.Succeeded, _publish.ToString());
    }

    [OneTimeTearDown]
    public Task RemoveImage() => Engine.RemoveImageAsync(_app.Reference);

    [TearDown]
    public void KeepEvidence()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            _app.KeepEvidence(TestContext.CurrentContext.Test.Name);
        }
    }

    [Test]
    [Order(1)]
    public async Task The_image_is_tagged_and_its_size_is_the_engines_own_figure()
    {
        var image = await Engine.InspectAsync(_app.Reference);
        var summary = _publish.Lines.SingleOrDefault(l => l.Contains($"dotnet-web -> {_app.Reference}  ", StringComparison.Ordinal));

        Assert.That(_publish.ImageId, Is.EqualTo(image.ID));
        Assert.That(_publish.ImageSize, Is.EqualTo(image.Size));
        Assert.That(summary, Is.Not.Null, "no summary line in the log");
        Assert.That(summary, Does.Match(@"  \d[\d.]* MB  \(builder stage \d[\d.]* [MG]B, \d+ % smaller\)$"));
        TestContext.Progress.WriteLine($"web image: {image.Size} bytes; {summary!.Trim()}");
    }

    [Test]
    [Order(1)]
    public async Task The_container_answers_http_200_on_loopback()
    {
        var (status, body, logs) = await GetRootAsync(_app.Reference);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), logs);
        Assert.That(body, Is.EqualTo("Hello from a multi-stage image!"));
    }

    [Test]
    [Order(1)]
    public async Task The_image_holds_no_dotnet_sdk()
    {
        var (exitCode, output) = await Engine.RunAsync(_app.Reference, ["/bin/sh", "-c", "ls /usr/share/dotnet; echo sdks:; dotnet --list-sdks"]);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("shared").And.Not.Contain("\nsdk\n").And.Not.Contain("packs"));
        Assert.That(output.Split("sdks:")[1].Trim(), Is.Empty);
    }

    [Test]
    [Order(1)]
    public async Task The_app_does_not_run_as_root()
    {
        var image = await Engine.InspectAsync(_app.Reference);
        var (_, uid) = await Engine.RunAsync(_app.Reference, ["id", "-u"]);

        Assert.That(image.Config!.User, Is.Not.Empty.And.Not.EqualTo("0").And.Not.EqualTo("root"));
        Assert.That(uid.Trim(), Is.EqualTo("1654"));
    }

    [Test]
    [Order(1)]
    public void The_rendered_dockerfile_is_in_the_intermediate_folder() =>
        Assert.That(File.ReadAllText(_app.RenderedDockerfile), Does.Contain("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final"));

    [Test]
    [Order(2)] // last: it changes the image the other tests check
    public async Task Editing_only_a_source_file_takes_the_restore_step_from_cache()
    {
        _app.Edit("Program.cs", s => s.Replace("Hello from a multi-stage image!", "Hello again!", StringComparison.Ordinal));
        var second = _app.Publish();

        Assert.That(second.Succeeded, second.ToString());
        var lines = second.Lines.Select(l => l.Trim()).ToList();
        var restore = lines.FindIndex(l => l.Contains(" : RUN dotnet restore", StringComparison.Ordinal));
        var publish = lines.FindIndex(l => l.Contains(" : RUN dotnet publish", StringComparison.Ordinal));
        Assert.That(restore, Is.GreaterThan(0), second.ToString());
        Assert.That(lines[restore + 1], Is.EqualTo("---> Using cache"), "the restore step ran again");
        Assert.That(lines[publish + 1], Is.Not.EqualTo("---> Using cache"), "the publish step must run again for the new source");
        Assert.That(second.ImageId, Is.Not.EqualTo(_publish.ImageId));

        var (status, body, logs) = await GetRootAsync(_app.Reference);
        Assert.That((status, body), Is.EqualTo((HttpStatusCode.OK, "Hello again!")), logs);
    }

    /// <summary>Starts the image on the host network at a free loopback port and GETs / until it answers (30 s at most).</summary>
    private static async Task<(HttpStatusCode? Status, string Body, string Logs)> GetRootAsync(string reference)
    {
        var port = Engine.FreeLoopbackPort();
        await using var container = await Engine.StartAsync(reference, [$"ASPNETCORE_HTTP_PORTS={port}"]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 60; attempt++)
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/");
                return (response.StatusCode, await response.Content.ReadAsStringAsync(), "");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(500);
            }
        }

        return (null, "", await Engine.LogsAsync(container.Id));
    }
}
