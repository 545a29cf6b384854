using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The Go sample (<c>cmd/server</c> and an internal package, <c>go-web.proj</c> = <c>&lt;Project Sdk="MultiStage.Sdk" /&gt;</c>
/// with the version in global.json), published once with a bare <c>dotnet publish</c> and checked as a user would.
/// </summary>
[NonParallelizable]
public class GoAppTests() : PublishedAppFixture("go-web", "go")
{
    [Test]
    public Task The_image_is_tagged_and_its_size_is_the_engines_own_figure() => AssertTaggedWithTheEnginesSizeAsync();

    [Test]
    public void The_dockerfile_is_rendered_in_obj_multistage_for_the_go_stack() =>
        AssertRenderedInObjMultistage("golang:1.19", "gcr.io/distroless/static-debian12:nonroot");

    [Test]
    public Task The_container_answers_http_200_on_loopback_at_the_port_in_PORT() => AssertAnswersOnLoopbackAsync("Hello from a multi-stage Go image!");

    [Test]
    public async Task The_image_holds_no_go_toolchain_and_no_shell()
    {
        var files = await ImageFiles.ReadAsync(App.Reference);

        Assert.That(files.Where(f => f.IsProgram && f.Name is "go" or "gofmt"), Is.Empty, "a go binary is in the image");
        Assert.That(files.Where(f => IsGoRoot(f.Path)), Is.Empty, "a GOROOT is in the image");
        Assert.That(files.Where(f => f.IsProgram && f.Name is "sh" or "bash" or "dash" or "busybox"), Is.Empty, "a shell is in the image");
    }

    [Test]
    public async Task The_app_runs_as_nonroot()
    {
        var user = await AssertNotRootAsync();

        // The image has no shell and no `id`: its configured user is the evidence.
        Assert.That(user, Is.EqualTo("65532").Or.EqualTo("65532:65532"));
    }

    /// <summary>Where the official image (usr/local/go) and Debian (usr/lib/go-1.x, usr/share/go-1.x) put the toolchain.</summary>
    private static bool IsGoRoot(string path) =>
        path.StartsWith("usr/lib/go", StringComparison.Ordinal)
        || path.StartsWith("usr/share/go-", StringComparison.Ordinal)
        || ImageFiles.HasSegments(path, "usr/local/go");
}
