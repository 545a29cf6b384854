using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The vendored Go sample (a module that requires example.org/textwrap, committed in vendor/ with the modules.txt
/// <c>go mod vendor</c> writes; go 1.23), published once: the build reads vendor/ with module downloads switched off.
/// </summary>
[NonParallelizable]
public class GoVendoredAppTests() : PublishedAppFixture("go-vendored", "go-vendored")
{
    [Test]
    public void The_builder_reads_vendor_with_module_downloads_off_and_downloads_nothing()
    {
        AssertRenderedInObjMultistage("golang:1.23", "gcr.io/distroless/static-debian12:nonroot");
        var dockerfile = File.ReadAllText(App.RenderedDockerfile);

        Assert.That(dockerfile, Does.Contain("ENV GOFLAGS=-mod=vendor \\\n    GOPROXY=off").And.Not.Contain("go mod download"));
        Assert.That(File.ReadAllLines(Path.Combine(App.RenderedDirectory, ".dockerignore")), Has.None.EqualTo("**/vendor"), "the committed vendor/ must be sent");
        Assert.That(Published.Output, Does.Not.Contain("go: downloading"));
        Assert.That(Published.RanStep("RUN CGO_ENABLED=0 go build"), "the build step ran");
    }

    [Test]
    public Task The_container_answers_on_loopback_with_text_wrapped_by_the_vendored_module() => AssertAnswersOnLoopbackAsync("Vendored modules build\nwith no network at all.");

    [Test]
    public async Task The_image_holds_the_binary_only_and_runs_as_nonroot()
    {
        var files = await ImageFiles.ReadAsync(App.Reference);

        Assert.That(files.Under("app"), Is.EqualTo(new[] { "app", "app/quotes" }));
        Assert.That(files.Where(f => ImageFiles.HasSegments(f.Path, "vendor") || f.Name.EndsWith(".go", StringComparison.Ordinal)), Is.Empty, "sources are in the image");
        Assert.That((await AssertNotRootAsync()).Split(':')[0], Is.EqualTo("65532"));
    }
}
