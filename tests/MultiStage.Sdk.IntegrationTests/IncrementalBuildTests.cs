using System.Diagnostics;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// An unchanged publish skips the image build and says so; a change, or an image gone from the engine,
/// builds again. MultiStageTarget builds and reports a named stage.
/// </summary>
[NonParallelizable]
public class IncrementalBuildTests
{
    [Test]
    public async Task An_unchanged_publish_skips_the_build_and_a_change_or_a_missing_image_builds_again()
    {
        var app = TestApp.FromSample("dotnet-console", "incremental");
        try
        {
            var clock = Stopwatch.StartNew();
            var first = app.Publish();
            var firstTime = clock.Elapsed;
            Assert.That(first.Succeeded, first.ToString());
            Assert.That(first.Output, Does.Contain("Step 1/").And.Not.Contain("is up to date"));
            // The engine connection starts before the compile, and the render's builder comes from it.
            var connecting = Array.FindIndex(first.Lines, l => l.Contains("Connecting to the container engine while the app compiles.", StringComparison.Ordinal));
            var compile = Array.FindIndex(first.Lines, l => l.Trim() == "CoreCompile:");
            Assert.That((connecting >= 0, compile > connecting), Is.EqualTo((true, true)), first.ToString());
            Assert.That(first.Output, Does.Contain("buildkit builder)"));

            clock.Restart();
            var second = app.Publish();
            var secondTime = clock.Elapsed;
            Assert.That(second.Succeeded, second.ToString());
            Assert.That(second.Output, Does.Contain($"{app.Reference} is up to date ({SizeOf(first, app)}):").And.Not.Contain("Step 1/"));
            Assert.That((second.ImageId, second.ImageSize), Is.EqualTo((first.ImageId, first.ImageSize)), "the skipped publish reports another image");
            Assert.That(second.SummaryLine(app.ProjectName, app.Reference), Is.EqualTo(first.SummaryLine(app.ProjectName, app.Reference)));
            TestContext.Progress.WriteLine($"publish: {firstTime.TotalSeconds:F1} s; unchanged publish, image build skipped: {secondTime.TotalSeconds:F1} s");

            app.Edit("Program.cs", s => s.Replace("Hello from", "Hi from", StringComparison.Ordinal));
            var edited = app.Publish();
            Assert.That(edited.Succeeded, edited.ToString());
            Assert.That(edited.Output, Does.Contain("Step 1/").And.Not.Contain("is up to date"));
            Assert.That(edited.ImageId, Is.Not.EqualTo(first.ImageId));

            await Engine.RemoveImageAsync(app.Reference);
            var rebuilt = app.Publish();
            Assert.That(rebuilt.Succeeded, rebuilt.ToString());
            Assert.That(rebuilt.Output, Does.Contain("Step 1/").And.Not.Contain("is up to date"), "the image was gone, yet the build was skipped");
            Assert.That(await Engine.ExistsAsync(app.Reference));
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

    [Test]
    public async Task MultiStageTarget_builder_yields_the_builder_stage_and_reports_it()
    {
        var app = TestApp.FromSample("dotnet-console", "target");
        try
        {
            var publish = app.Publish(["-p:MultiStageTarget=builder", "-p:MultiStageBuildFrom=source"]);

            Assert.That(publish.Succeeded, publish.ToString());
            var (exitCode, sdks) = await Engine.RunAsync(app.Reference, entrypoint: ["dotnet", "--list-sdks"]);
            Assert.That(exitCode, Is.Zero, sdks);
            Assert.That(sdks, Does.Contain("10.0."), "the image is not the builder stage: it has no .NET SDK");
            var image = publish.Images.Single();
            Assert.That(image["BaseImage"], Is.EqualTo("mcr.microsoft.com/dotnet/sdk:10.0"));
            Assert.That(long.Parse(image["Size"], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo((await Engine.InspectAsync(app.Reference)).Size));
            Assert.That(publish.Output, Does.Contain($"{app.ProjectName} -> {app.Reference}  {SizeOf(publish, app)}"));
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

    /// <summary>The image's size as the summary line (<c>app -> ref  202 MB  (…)</c>) prints it.</summary>
    private static string SizeOf(PublishResult publish, TestApp app)
    {
        var line = publish.Lines.First(l => l.Contains($"{app.ProjectName} -> {app.Reference}  ", StringComparison.Ordinal));
        return line[(line.IndexOf(app.Reference, StringComparison.Ordinal) + app.Reference.Length)..].Trim().Split("  ")[0];
    }
}
