using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// What the Go and PHP stacks refuse, and what they build that the samples do not show: each a publish of a
/// changed copy of a sample, ending in its coded error, or in an image that runs.
/// </summary>
[NonParallelizable]
public class StackChoiceTests
{
    [Test]
    public Task Package_json_and_composer_json_without_a_rule_that_decides_are_MSTAGE1038() =>
        Refused("php-laravel", "two-manifests", app => File.Delete(app.PathOf("artisan")), "MSTAGE1038", "package.json and composer.json", "MultiStageStack");

    [Test]
    public Task A_go_work_workspace_in_the_context_is_MSTAGE1039_saying_to_set_GOWORK_off() =>
        Refused("go-vendored", "go-work", app => File.WriteAllText(app.PathOf("go.work"), "go 1.23\n\nuse .\n"), "MSTAGE1039", "go.work", "GOWORK");

    [Test]
    public async Task A_cgo_app_links_against_glibc_and_runs_on_distroless_base()
    {
        var app = TestApp.FromSample("go-vendored", "go-cgo");
        File.WriteAllText(app.PathOf("cmd/quotes/width.go"), "package main\n\n// static int width(void) { return 24; }\nimport \"C\"\n\nvar _ = C.width\n");
        await app.TestAsync(async () =>
        {
            var publish = app.Publish();
            Assert.That(publish.Succeeded, publish.ToString());
            var dockerfile = File.ReadAllText(app.RenderedDockerfile);
            Assert.That(dockerfile, Does.Contain("FROM gcr.io/distroless/base-debian12:nonroot AS final").And.Match(@"RUN (--mount=\S+ \\\s+)*CGO_ENABLED=1 go build"));

            var files = await ImageFiles.ReadAsync(app.Reference, "app/quotes");
            Assert.That(files.TextOf("app/quotes"), Does.Contain("/lib64/ld-linux-x86-64.so.2"), "the binary is not dynamically linked: cgo was off");
            var answer = await HttpProbe.GetAsync(app.Reference, port => [$"PORT={port}"]);
            Assert.That(answer.Body, Is.EqualTo("Vendored modules build\nwith no network at all."), answer.Logs);
        });
    }

    private static async Task Refused(string sample, string name, Action<TestApp> change, string code, params string[] mentions)
    {
        var app = TestApp.FromSample(sample, name);
        change(app);
        await app.TestAsync(() =>
        {
            var result = app.Publish();

            Assert.That(result.Succeeded, Is.False, result.ToString());
            Assert.That(result.Output, Does.Contain($"error {code}"));
            foreach (var mention in mentions)
            {
                Assert.That(result.Output, Does.Contain(mention));
            }

            Assert.That(result.Output, Does.Not.Contain("Exception:"));
            return Task.CompletedTask;
        });
    }
}
