using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The feeds sample: a console app whose nuget.config adds a folder feed inside its own folder (a vendor's
/// package kept in the repository). Built both ways; from the sources, the builder restores the vendored
/// package from the copy carried into the context, and never sees the app's nuget.config.
/// </summary>
[NonParallelizable]
[TestFixture("publish")]
[TestFixture("source")]
public class FolderFeedTests(string buildFrom)
{
    [Test]
    public async Task The_app_with_a_package_from_its_own_folder_feed_builds_and_runs()
    {
        var app = TestApp.FromSample("dotnet-feeds", $"feeds-{buildFrom}");
        await app.TestAsync(async () =>
        {
            var publish = app.Publish([$"-p:MultiStageBuildFrom={buildFrom}"]);
            Assert.That(publish.Succeeded, publish.ToString());

            var (exitCode, output) = await Engine.RunAsync(app.Reference);
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output.Trim(), Is.EqualTo("Hello, container, from a vendored package."));

            var dockerfile = File.ReadAllText(app.RenderedDockerfile);
            if (buildFrom == "source")
            {
                Assert.That(dockerfile, Does.Match(@"RUN (--mount=\S+ \\\s+)?dotnet restore ""dotnet-feeds.csproj"" --configfile \.multistage/nuget\.config"));
                Assert.That(File.ReadAllLines(Path.Combine(app.RenderedDirectory, ".dockerignore")), Does.Contain("nuget.config"));
                var plan = File.ReadAllText(Path.Combine(app.RenderedDirectory, "plan.json"));
                Assert.That(plan, Does.Contain(".multistage/packages/acme.greeting.1.0.0.nupkg").And.Contain(".multistage/packages/multistage.sdk."));
            }
            else
            {
                Assert.That(dockerfile, Does.Not.Contain("dotnet restore"));
            }
        });
    }
}
