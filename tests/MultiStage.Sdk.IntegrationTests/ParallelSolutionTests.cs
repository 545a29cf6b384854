using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// Eight projects of one solution published at once (<c>-m:8</c>) against one engine: every build
/// streams its own context and gets its own image, and no image answers with another project's code.
/// </summary>
[NonParallelizable]
public class ParallelSolutionTests
{
    private const int Projects = 8;

    [Test]
    public async Task Eight_projects_published_in_parallel_each_get_their_own_image()
    {
        var first = TestApp.FromSample("dotnet-console", "parallel", "app1");
        var run = Path.GetFileName(IntegrationRun.Directory)[^6..];
        var names = Enumerable.Range(1, Projects).Select(i => $"par{run}-{i}").ToList();
        try
        {
            for (var i = 1; i <= Projects; i++)
            {
                var app = i == 1 ? first : TestApp.FromSample("dotnet-console", "parallel", $"app{i}");
                File.Move(app.PathOf(app.ProjectFile), app.PathOf($"{names[i - 1]}.csproj"));
                File.WriteAllText(app.PathOf("Program.cs"), $"Console.WriteLine(\"I am project {i}\");\n");
            }

            // Without the probe's Directory.Build.targets above them, each project is its own context (the
            // root's nuget.config, whose feed is a folder of this machine, stays out of the builds).
            var root = first.Root;
            File.Delete(Path.Combine(root, "Directory.Build.targets"));
            var created = DotNetCli.Run(root, ["new", "sln", "--name", "eight", "--format", "sln"], Path.Combine(root, "new-sln.log"));
            Assert.That(created.Succeeded, created.ToString());
            var added = DotNetCli.Run(root, ["sln", "eight.sln", "add", .. names.Select((n, i) => Path.Combine($"app{i + 1}", $"{n}.csproj"))], Path.Combine(root, "sln-add.log"));
            Assert.That(added.Succeeded, added.ToString());

            var publish = DotNetCli.Run(root, ["publish", "eight.sln", "-c", "Release", "-p:ContainerizeMultiStage=true", "-m:8", .. DotNetCli.MSBuildSwitches(Path.Combine(root, "publish.binlog"))], Path.Combine(root, "publish.log"));

            Assert.That(publish.Succeeded, publish.ToString());
            var imageIds = new HashSet<string>();
            for (var i = 1; i <= Projects; i++)
            {
                var reference = $"{names[i - 1]}:latest";
                Assert.That(publish.SummaryLine(names[i - 1], reference), Does.Match(PublishResult.SummaryFigures), $"no summary line for {reference}");
                imageIds.Add((await Engine.InspectAsync(reference)).ID);
                var (exitCode, output) = await Engine.RunAsync(reference);
                Assert.That((exitCode, output.Trim()), Is.EqualTo((0L, $"I am project {i}")), reference);
            }

            Assert.That(imageIds, Has.Count.EqualTo(Projects), "two projects share an image");
        }
        catch
        {
            first.KeepEvidence(TestContext.CurrentContext.Test.Name);
            throw;
        }
        finally
        {
            foreach (var name in names)
            {
                await Engine.RemoveImageAsync($"{name}:latest");
            }
        }
    }
}
