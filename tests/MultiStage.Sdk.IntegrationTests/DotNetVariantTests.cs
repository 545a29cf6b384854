using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The console sample published as each variant: trimmed self-contained and Native AOT run their own host
/// on runtime-deps, in images smaller than the framework-dependent one; an AOT build from the sources on a
/// builder without clang stops with a coded error at the check's Dockerfile line.
/// </summary>
[NonParallelizable]
public class DotNetVariantTests
{
    private readonly List<TestApp> _apps = [];
    private long _frameworkDependentSize;

    [OneTimeSetUp]
    public void PublishFrameworkDependent()
    {
        var publish = Copy("variant-dependent").Publish();
        Assert.That(publish.Succeeded, publish.ToString());
        _frameworkDependentSize = publish.ImageSize;
    }

    [OneTimeTearDown]
    public async Task RemoveImages()
    {
        foreach (var app in _apps)
        {
            await Engine.RemoveImageAsync(app.Reference);
        }
    }

    [TestCase("trimmed", "-p:PublishTrimmed=true", "-p:RuntimeIdentifier=linux-x64")]
    [TestCase("aot", "-p:PublishAot=true")]
    public async Task The_variant_runs_its_own_host_on_runtime_deps_in_a_smaller_image(string variant, params string[] arguments)
    {
        var app = Copy($"variant-{variant}");
        var publish = app.Publish(arguments);
        try
        {
            Assert.That(publish.Succeeded, publish.ToString());
            var dockerfile = File.ReadAllText(app.RenderedDockerfile);
            Assert.That(dockerfile, Does.Match(@"FROM mcr\.microsoft\.com/dotnet/runtime-deps:10\.0(-noble)? AS final").And.Contain("ENTRYPOINT [\"/app/dotnet-console\"]"));

            var (exitCode, output) = await Engine.RunAsync(app.Reference);
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.StartWith("Hello from a multi-stage image"));

            TestContext.Progress.WriteLine($"{variant}: {publish.ImageSize} bytes, framework-dependent: {_frameworkDependentSize} bytes");
            Assert.That(publish.ImageSize, Is.LessThan(_frameworkDependentSize));
        }
        catch
        {
            app.KeepEvidence(TestContext.CurrentContext.Test.Name);
            throw;
        }
    }

    [Test]
    public void Native_aot_on_a_builder_without_clang_is_MSTAGE4005_at_the_check()
    {
        var app = Copy("variant-aot-no-toolchain");
        // Only a build in the builder stage compiles there (on Windows or macOS, AOT's default).
        var result = app.Publish(["-p:PublishAot=true", "-p:MultiStageBuildFrom=source", "-p:ContainerBuilderImage=mcr.microsoft.com/dotnet/sdk:10.0"]);

        Assert.That(result.Succeeded, Is.False);
        var dockerfile = app.RenderedDockerfile;
        var checkLine = Array.FindIndex(File.ReadAllLines(dockerfile), l => l.StartsWith("RUN { command -v clang", StringComparison.Ordinal)) + 1;
        Assert.That(result.Output, Does.Contain($"{dockerfile}({checkLine}): error MSTAGE4005: the builder image has no clang or zlib"));
        Assert.That(result.Output, Does.Not.Contain("error MSTAGE4001"));
    }

    private TestApp Copy(string name)
    {
        var app = TestApp.FromSample("dotnet-console", name);
        _apps.Add(app);
        return app;
    }
}
