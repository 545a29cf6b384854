using System.Text.Json;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The runtime identifier an image's publish is for, as far as this Linux x64 machine can stand in for
/// others: a Windows developer's machine (the SDK's own runtime identifier set to win-x64), and an engine
/// of another architecture than the app's (ContainerRuntimeIdentifier set to linux-arm64).
/// </summary>
[NonParallelizable]
public class RuntimeIdentifierTests
{
    [Test]
    public async Task A_self_contained_app_published_on_a_windows_host_is_published_for_linux_and_runs()
    {
        var app = TestApp.FromSample("dotnet-console", "rid-windows-host");
        await app.TestAsync(async () =>
        {
            var publish = app.Publish(["-p:NETCoreSdkPortableRuntimeIdentifier=win-x64", "-p:SelfContained=true"]);
            Assert.That(publish.Succeeded, publish.ToString());

            using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(app.RenderedDirectory, "report.json")));
            Assert.That(report.RootElement.GetProperty("runtimeIdentifier").GetString(), Is.EqualTo("linux-x64"));
            Assert.That(report.RootElement.GetProperty("buildFrom").GetString(), Is.EqualTo("publish"));
            Assert.That(File.ReadAllText(app.RenderedDockerfile), Does.Contain("FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS final").And.Contain("ENTRYPOINT [\"/app/dotnet-console\"]"));

            var (exitCode, output) = await Engine.RunAsync(app.Reference);
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.StartWith("Hello from a multi-stage image, running .NET 10."));
        });
    }

    [Test]
    public async Task A_publish_for_another_architecture_than_the_engines_is_MSTAGE4006_and_builds_nothing()
    {
        var app = TestApp.FromSample("dotnet-console", "rid-arm64");
        await app.TestAsync(async () =>
        {
            var publish = app.Publish(["-p:ContainerRuntimeIdentifier=linux-arm64", "-p:UseAppHost=false"]);

            Assert.That(publish.Succeeded, Is.False, publish.ToString());
            Assert.That(publish.Output, Does.Contain("error MSTAGE4006").And.Contain("linux-arm64").And.Contain("ContainerRuntimeIdentifier to linux-x64"));
            Assert.That(await Engine.ExistsAsync(app.Reference), Is.False);
        });
    }
}
