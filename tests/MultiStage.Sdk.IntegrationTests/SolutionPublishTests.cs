using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// <c>dotnet publish the.sln -p:ContainerizeMultiStage=true</c>: every app is containerized (a .NET console
/// app and a Go app through the project SDK), a library and a test project that reference the package
/// are skipped silently, and the solution's publish ends with one summary table.
/// </summary>
[NonParallelizable]
public class SolutionPublishTests
{
    [Test]
    public async Task Publishing_a_solution_containerizes_its_apps_skips_the_rest_and_ends_with_one_table()
    {
        var run = Path.GetFileName(IntegrationRun.Directory)[^6..];
        var console = TestApp.FromSample("dotnet-console", "whole", "console");
        var go = TestApp.FromSample("go-web", "whole", "go");
        var root = console.Root;
        string[] projects = [$"console/sol{run}-console.csproj", $"go/sol{run}-go.proj", "lib/Lib.csproj", "tests/App.Tests.csproj"];
        string[] images = [$"sol{run}-console:latest", $"sol{run}-go:latest"];
        try
        {
            File.Move(console.PathOf(console.ProjectFile), Path.Combine(root, projects[0]));
            File.Move(go.PathOf(go.ProjectFile), Path.Combine(root, projects[1]));
            WriteProject(root, projects[2], "<OutputType>Library</OutputType>");
            WriteProject(root, projects[3], "<OutputType>Exe</OutputType><IsTestProject>true</IsTestProject>");

            // Each project is its own context (no probe above them); the summary is the solution's own import.
            File.Delete(Path.Combine(root, "Directory.Build.targets"));
            // (A global.json here would be a restore input of the console app and make this folder its context.)
            File.WriteAllText(Path.Combine(root, "Directory.Solution.targets"), """<Project><Import Project="Solution.targets" Sdk="MultiStage.Sdk" Version="0.1.0" /></Project>""");
            var created = DotNetCli.Run(root, ["new", "sln", "--name", "whole", "--format", "sln"], Path.Combine(root, "new-sln.log"));
            Assert.That(created.Succeeded, created.ToString());
            var added = DotNetCli.Run(root, ["sln", "whole.sln", "add", .. projects], Path.Combine(root, "sln-add.log"));
            Assert.That(added.Succeeded, added.ToString());

            var publish = DotNetCli.Run(root, ["publish", "whole.sln", "-c", "Release", "-p:ContainerizeMultiStage=true", .. DotNetCli.MSBuildSwitches(Path.Combine(root, "publish.binlog"))], Path.Combine(root, "publish.log"));

            Assert.That(publish.Succeeded, publish.ToString());
            Assert.That(publish.Output, Does.Not.Contain("MSTAGE"), "a library or test project was not skipped silently");
            foreach (var image in images)
            {
                Assert.That(await Engine.ExistsAsync(image), $"{image} was not built");
            }

            var table = publish.Lines.Select(l => l.Trim()).SkipWhile(l => !l.StartsWith("whole: ", StringComparison.Ordinal)).Take(4).ToList();
            Assert.That(table, Has.Count.EqualTo(4), publish.ToString());
            Assert.That(table[0], Is.EqualTo("whole: 2 projects containerized, 2 images"));
            Assert.That(table[1], Does.Match("^PROJECT +IMAGE +SIZE +DIGEST$"));
            Assert.That(table[2], Does.Match($@"^sol{run}-console +sol{run}-console:latest +\d[\d.]* MB +-$"));
            Assert.That(table[3], Does.Match($@"^sol{run}-go +sol{run}-go:latest +\d[\d.]* MB +-$"));
            Assert.That(await Engine.ExistsAsync("lib:latest") || await Engine.ExistsAsync("app.tests:latest"), Is.False, "a library or a test project was containerized");
            Assert.That(Path.Combine(root, "lib", "obj", "Release", "net10.0", "multistage"), Does.Not.Exist, "a Dockerfile was rendered for the library");
        }
        catch
        {
            console.KeepEvidence(TestContext.CurrentContext.Test.Name);
            throw;
        }
        finally
        {
            foreach (var image in images)
            {
                await Engine.RemoveImageAsync(image);
            }
        }
    }

    private static void WriteProject(string root, string path, string properties)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
        File.WriteAllText(Path.Combine(root, path), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework>{properties}</PropertyGroup>
              <ItemGroup><PackageReference Include="MultiStage.Sdk" Version="0.1.0" PrivateAssets="all" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(Path.Combine(root, path))!, "Code.cs"), properties.Contains("Exe", StringComparison.Ordinal) ? "System.Console.WriteLine();\n" : "public static class Code { }\n");
    }
}
