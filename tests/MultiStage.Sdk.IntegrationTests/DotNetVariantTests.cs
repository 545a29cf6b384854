using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>A trimmed, self-contained console app runs its own host on runtime-deps, in a smaller image than the framework-dependent one.</summary>
[NonParallelizable]
public class DotNetVariantTests
{
    [Test]
    public async Task A_trimmed_self_contained_app_runs_on_runtime_deps_in_a_smaller_image()
    {
        var dependent = TestApp.FromSample("dotnet-console", "variant-dependent");
        var trimmed = TestApp.FromSample("dotnet-console", "variant-trimmed");
        try
        {
            var dependentPublish = dependent.Publish();
            var trimmedPublish = trimmed.Publish(["-p:PublishTrimmed=true", "-p:RuntimeIdentifier=linux-x64"]);
            Assert.That(dependentPublish.Succeeded, dependentPublish.ToString());
            Assert.That(trimmedPublish.Succeeded, trimmedPublish.ToString());

            var dockerfile = File.ReadAllText(trimmed.RenderedDockerfile.Replace("net10.0", Path.Combine("net10.0", "linux-x64"), StringComparison.Ordinal));
            Assert.That(dockerfile, Does.Contain("FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS final").And.Contain("ENTRYPOINT [\"/app/dotnet-console\"]"));

            var (exitCode, output) = await Engine.RunAsync(trimmed.Reference);
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.StartWith("Hello from a multi-stage image"));

            TestContext.Progress.WriteLine($"framework-dependent {dependentPublish.ImageSize} bytes, trimmed self-contained {trimmedPublish.ImageSize} bytes");
            Assert.That(trimmedPublish.ImageSize, Is.LessThan(dependentPublish.ImageSize));
        }
        catch
        {
            trimmed.KeepEvidence(TestContext.CurrentContext.Test.Name);
            throw;
        }
        finally
        {
            await Engine.RemoveImageAsync(dependent.Reference);
            await Engine.RemoveImageAsync(trimmed.Reference);
        }
    }
}
