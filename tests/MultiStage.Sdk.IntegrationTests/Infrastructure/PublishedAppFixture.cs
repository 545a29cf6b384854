using NUnit.Framework.Interfaces;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// A sample published once for the whole fixture, as a user would publish it: the publish must succeed
/// (checked in OneTimeSetUp), each failed test keeps the evidence, and the image is removed at the end.
/// </summary>
/// <param name="sample">The sample's folder under samples/.</param>
/// <param name="name">The test app's name (its folder in the run and its repository).</param>
/// <param name="arguments">Extra arguments for the one publish.</param>
public abstract class PublishedAppFixture(string sample, string name, params string[] arguments)
{
    private TestApp? _app;
    private PublishResult? _publish;

    private protected TestApp App => _app ?? throw new InvalidOperationException("The sample was not copied.");

    /// <summary>Gets what the one publish of the fixture printed.</summary>
    private protected PublishResult Published => _publish ?? throw new InvalidOperationException("The sample was not published.");

    /// <summary>Gets the project to publish, relative to the sample, in a sample that holds several (a solution); null for the one at its root.</summary>
    private protected virtual string? Project => null;

    [OneTimeSetUp]
    public void PublishOnce()
    {
        _app = TestApp.FromSample(sample, name, project: Project);
        Prepare(_app);
        _publish = _app.Publish(arguments);
        if (!_publish.Succeeded)
        {
            _app.KeepEvidence("publish");
        }

        Assert.That(_publish.Succeeded, _publish.ToString());
    }

    /// <summary>Changes the copy before its one publish (a file a test adds, an item in the project), as a user's checkout would differ.</summary>
    private protected virtual void Prepare(TestApp app)
    {
    }

    [OneTimeTearDown]
    public async Task RemoveImage()
    {
        if (_app is not null)
        {
            await Engine.RemoveImageAsync(_app.Reference);
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

    /// <summary>
    /// The image is tagged with the id MSBuild reported, ContainerImageSize is the engine's own figure, and
    /// the log ends with the summary line: <c>&lt;project&gt; -&gt; &lt;repo&gt;:latest  &lt;size&gt;  (builder stage &lt;size&gt;, N % smaller)</c>.
    /// </summary>
    /// <param name="smallerThanBuilder">false where the runtime image may outweigh the builder stage (PHP-FPM against composer): then "N % larger" is fine too.</param>
    private protected async Task AssertTaggedWithTheEnginesSizeAsync(bool smallerThanBuilder = true)
    {
        var image = await Engine.InspectAsync(App.Reference);
        var summary = Published.SummaryLine(App.ProjectName, App.Reference);

        Assert.That(Published.ImageId, Is.EqualTo(image.ID));
        Assert.That(Published.ImageSize, Is.EqualTo(image.Size));
        Assert.That(summary, Is.Not.Null, $"no '{App.ProjectName} -> {App.Reference}  …' summary line in the log");
        Assert.That(summary, Does.Match(PublishResult.SummaryFigures.ToString()));
        if (smallerThanBuilder && Published.Images.All(i => i["BuildFrom"] == "source"))
        {
            Assert.That(summary, Does.EndWith("% smaller)"), "the final image is not smaller than its builder stage");
        }

        TestContext.Progress.WriteLine($"{name} image: {image.Size} bytes; {summary}");
    }

    /// <summary>
    /// The Dockerfile of an SDK project is rendered in <c>obj/multistage/</c> beside its .dockerignore (not
    /// under a configuration's folder), and its stages start from <paramref name="images"/>: the stack was detected.
    /// </summary>
    private protected void AssertRenderedInObjMultistage(params string[] images)
    {
        Assert.That(App.UsesProjectSdk, $"{App.ProjectFile} does not use the package as its SDK");
        Assert.That(App.RenderedDockerfile, Does.Exist);
        Assert.That(Path.Combine(App.RenderedDirectory, ".dockerignore"), Does.Exist);
        Assert.That(App.PathOf("obj/Release/net10.0/multistage/Dockerfile"), Does.Not.Exist);

        var dockerfile = File.ReadAllText(App.RenderedDockerfile);
        foreach (var image in images)
        {
            Assert.That(dockerfile, Does.Contain($"FROM {image} AS "), $"no stage from {image}:\n{dockerfile}");
        }
    }

    /// <summary>The app, started with a free loopback port in PORT, answers GET / there with 200 and <paramref name="body"/>.</summary>
    private protected async Task AssertAnswersOnLoopbackAsync(string body)
    {
        var answer = await HttpProbe.GetAsync(App.Reference, port => [$"PORT={port}"]);

        Assert.That(answer.Status, Is.EqualTo(System.Net.HttpStatusCode.OK), answer.Logs);
        Assert.That(answer.Body, Is.EqualTo(body));
    }

    /// <summary>The image names a user, not root, and a process started in it runs with <paramref name="uid"/>.</summary>
    private protected async Task AssertRunsAsAsync(string uid)
    {
        await AssertNotRootAsync();
        var (_, id) = await Engine.RunAsync(App.Reference, ["id", "-u"]);

        Assert.That(id.Trim(), Is.EqualTo(uid));
    }

    /// <summary>The image names a user, and not root; returns it (Config.User).</summary>
    private protected async Task<string> AssertNotRootAsync()
    {
        var image = await Engine.InspectAsync(App.Reference);
        var user = image.Config?.User ?? "";

        Assert.That(user, Is.Not.Empty, "the image sets no user: it would run as root");
        Assert.That(user.Split(':')[0], Is.Not.EqualTo("0").And.Not.EqualTo("root"));
        return user;
    }
}
