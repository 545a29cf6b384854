using System.Net;
using MultiStage.Sdk.IntegrationTests.Infrastructure;
using NUnit.Framework.Interfaces;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The Go sample published once against Podman instead of Docker: Debian's podman serving the Docker API on a unix
/// socket (<c>podman system service</c>, rootful, its storage in a folder of its own), the base images copied from the
/// Docker engine, <c>DOCKER_HOST</c> pointing at it. The same publish must build there, report the same summary, and
/// give an image that Podman holds at the size reported and that runs on the host network.
/// </summary>
[NonParallelizable]
public class PodmanTests
{
    private static readonly string[] BaseImages = ["golang:1.19", "gcr.io/distroless/static-debian12:nonroot"];

    private PodmanService? _podman;
    private TestApp? _app;
    private PublishResult? _publish;

    private PodmanService Podman => _podman ?? throw new InvalidOperationException("Podman did not start.");

    private TestApp App => _app ?? throw new InvalidOperationException("The sample was not copied.");

    private PublishResult Published => _publish ?? throw new InvalidOperationException("The sample was not published.");

    [OneTimeSetUp]
    public async Task PublishOnPodman()
    {
        _podman = await PodmanService.StartAsync();
        _podman.LoadFromDocker(BaseImages);
        _app = TestApp.FromSample("go-web", "go-podman");
        _publish = _app.Publish(environment: new Dictionary<string, string> { ["DOCKER_HOST"] = _podman.Endpoint });
        if (!_publish.Succeeded)
        {
            _app.KeepEvidence("publish");
        }

        Assert.That(_publish.Succeeded, _publish.ToString());
    }

    /// <summary>Stopping the service and removing its folder removes every image of it, the one built included.</summary>
    [OneTimeTearDown]
    public async Task StopPodman()
    {
        if (_podman is not null)
        {
            await _podman.DisposeAsync();
        }
    }

    [TearDown]
    public void KeepEvidenceOfFailure()
    {
        if (_app is not null && TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            _app.KeepEvidence(TestContext.CurrentContext.Test.Name);
        }
    }

    [Test]
    public void The_build_ran_on_podman_and_ends_with_the_summary_line_and_the_size_table()
    {
        var summary = Published.SummaryLine(App.ProjectName, App.Reference);

        Assert.That(Published.Output, Does.Contain($"Building {App.Reference} on {Podman.Endpoint} (from DOCKER_HOST; Podman "));
        Assert.That(Published.Lines, Has.Some.Match(@"^\s*\[2/2\] STEP 4/7: COPY --from=builder "), "Podman's own step lines are logged");
        Assert.That(summary, Does.Match(PublishResult.SummaryFigures.ToString()));
        Assert.That(summary, Does.EndWith("% smaller)"));
        Assert.That(Published.Lines, Has.Some.Contains($"{App.Reference} is ").And.Contains(" from its base image, "));
        Assert.That(Published.Lines, Has.Some.Match(@"FROM gcr\.io/distroless/static-debian12:nonroot \(base image\)$"));
        TestContext.Progress.WriteLine($"on Podman: {summary}");
    }

    [Test]
    public async Task The_image_is_in_podman_under_the_id_and_size_reported_and_not_in_docker()
    {
        var image = await Podman.Client.Images.InspectImageAsync(App.Reference);

        Assert.That(Published.ImageId, Is.EqualTo(image.ID));
        Assert.That(Published.ImageSize, Is.EqualTo(image.Size));
        Assert.That(await Engine.ExistsAsync(App.Reference), Is.False, "the image was built on the Docker engine");
    }

    [Test]
    public async Task The_base_and_the_builder_stage_are_measured_on_podman()
    {
        var item = Published.Images.Single();
        var baseImage = await Podman.Client.Images.InspectImageAsync(BaseImages[1]);
        var golang = await Podman.Client.Images.InspectImageAsync(BaseImages[0]);

        Assert.That(item["BaseImage"], Is.EqualTo(BaseImages[1]));
        Assert.That(long.Parse(item["BaseSize"], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(baseImage.Size), "Podman's own figure for the base image");
        Assert.That(item["BuilderStage"], Is.EqualTo("builder"));
        Assert.That(long.Parse(item["BuilderSize"], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(golang.Size), "the builder stage is golang and the module download and build over it");
        Assert.That(Published.Layers.Select(l => l["Instruction"]), Has.Some.StartWith("COPY file:").And.Some.EqualTo("ENTRYPOINT [\"/app/server\"]"));
    }

    [Test]
    public async Task The_container_answers_on_loopback_from_podman()
    {
        var answer = await HttpProbe.GetAsync(App.Reference, port => [$"PORT={port}"], engine: Podman.Client);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Logs);
        Assert.That(answer.Body, Is.EqualTo("Hello from a multi-stage Go image!"));
    }
}
