using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>The console sample (dotnet new console, net10.0): its container prints its output.</summary>
[NonParallelizable]
public class ConsoleAppTests
{
    [Test]
    public async Task The_container_prints_the_apps_output_as_a_non_root_user()
    {
        var app = TestApp.FromSample("dotnet-console", "console");
        try
        {
            var publish = app.Publish();
            Assert.That(publish.Succeeded, publish.ToString());
            Assert.That(File.ReadAllText(app.RenderedDockerfile), Does.Contain("FROM mcr.microsoft.com/dotnet/runtime:10.0 AS final").And.Not.Contain("EXPOSE"));

            var (exitCode, output) = await Engine.RunAsync(app.Reference);

            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.StartWith("Hello from a multi-stage image, running .NET 10.").And.Contain("as user app."));
            Assert.That(publish.ImageSize, Is.EqualTo((await Engine.InspectAsync(app.Reference)).Size));
        }
        catch
        {
            app.KeepEvidence(TestContext.CurrentContext.Test.Name);
            throw;
        }
        finally
        {
            await Engine.RemoveImageAsync(app.Reference);
        }
    }
}
