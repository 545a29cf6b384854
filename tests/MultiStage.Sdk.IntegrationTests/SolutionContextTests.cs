using System.Net;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The solution sample: a web project, two class libraries in nested folders (one using a NuGet package
/// through central package management) and a test project. The web project is published; the context
/// is the solution's root, the restore layer holds only the project and props files the app needs.
/// Built both ways: from the publish (the default) and from the sources in the builder stage.
/// </summary>
[NonParallelizable]
[TestFixture("publish")]
[TestFixture("source")]
public class SolutionContextTests(string buildFrom)
{
    private TestApp _app = null!;
    private PublishResult _first = null!;

    [OneTimeSetUp]
    public void Publish()
    {
        _app = TestApp.FromSample("dotnet-solution", $"shop-{buildFrom}", project: "src/Shop.Web/Shop.Web.csproj");
        _first = Publish(_app);
        if (!_first.Succeeded)
        {
            _app.KeepEvidence("publish");
        }

        Assert.That(_first.Succeeded, _first.ToString());
    }

    [OneTimeTearDown]
    public Task RemoveImage() => Engine.RemoveImageAsync(_app.Reference);

    [TearDown]
    public void KeepEvidence()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            _app.KeepEvidence(TestContext.CurrentContext.Test.Name);
        }
    }

    [Test]
    [Order(1)]
    public async Task The_app_built_from_three_projects_answers_through_its_libraries_and_package()
    {
        var answer = await HttpProbe.GetAsync(_app.Reference, port => [$"ASPNETCORE_HTTP_PORTS={port}"]);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Logs);
        Assert.That(answer.Body, Is.EqualTo("""{"shop":"multi-stage","items":["tea","coffee"]}"""));
    }

    [Test]
    [Order(1)]
    public void The_restore_layer_copies_the_props_and_the_three_projects_and_nothing_of_the_tests()
    {
        Assume.That(buildFrom, Is.EqualTo("source"), "only the builder stage restores");
        var dockerfile = File.ReadAllLines(_app.RenderedDockerfile);
        var restore = Array.FindIndex(dockerfile, l => l.TrimStart().StartsWith("dotnet restore \"src/Shop.Web/Shop.Web.csproj\"", StringComparison.Ordinal) || l.StartsWith("RUN dotnet restore \"src/Shop.Web/Shop.Web.csproj\"", StringComparison.Ordinal));
        var copies = dockerfile.Take(restore).Where(l => l.StartsWith("COPY [\"", StringComparison.Ordinal) && !l.Contains(".multistage", StringComparison.Ordinal));

        Assert.That(copies.Select(l => l.Split('"')[1]), Is.EquivalentTo(new[]
        {
            "Directory.Build.props", "Directory.Packages.props", "src/Shop.Web/Shop.Web.csproj",
            "src/Libraries/Shop.Catalog/Shop.Catalog.csproj", "src/Libraries/Shop.Formatting/Shop.Formatting.csproj",
        }));
        Assert.That(File.ReadAllLines(Path.Combine(_app.RenderedDirectory, ".dockerignore")), Does.Contain("tests/Shop.Web.Tests"));
        Assert.That(_first.Output, Does.Match(@"Build context: \d+ files, .* from " + System.Text.RegularExpressions.Regex.Escape(_app.Directory) + @"\r?\n"));
    }

    [Test]
    [Order(1)]
    public void From_the_publish_the_context_is_the_publish_output_and_nothing_is_built_in_the_engine()
    {
        Assume.That(buildFrom, Is.EqualTo("publish"));
        var dockerfile = File.ReadAllLines(_app.RenderedDockerfile);

        Assert.That(dockerfile.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)), Is.EqualTo(new[] { "FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final" }));
        Assert.That(dockerfile, Has.None.StartsWith("RUN"));
        Assert.That(_first.Output, Does.Not.Contain(" : RUN "), "the engine ran a step");
        // The publish output only: the app, its libraries and Newtonsoft.Json, a few dozen files at most, none of the sources.
        var context = System.Text.RegularExpressions.Regex.Match(_first.Output, @"Build context: (\d+) files");
        Assert.That(context.Success, _first.ToString());
        Assert.That(int.Parse(context.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.LessThan(40));
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_app.RenderedDirectory, "report.json")));
        Assert.That(report.RootElement.GetProperty("buildFrom").GetString(), Is.EqualTo("publish"));
    }

    [Test]
    [Order(2)]
    public async Task Editing_a_library_source_reuses_the_restore_step_and_the_dependencies_layer()
    {
        _app.Edit("src/Libraries/Shop.Catalog/Catalog.cs", s => s.Replace("\"coffee\"", $"\"coffee\", \"{Guid.NewGuid():N}\"", StringComparison.Ordinal));
        var second = Publish(_app);

        Assert.That(second.Succeeded, second.ToString());
        if (buildFrom == "source")
        {
            Assert.That(second.StepCached("RUN dotnet restore"), Is.True, "the restore step ran again after a source-only change");
        }

        Assert.That(second.ImageId, Is.Not.EqualTo(_first.ImageId));

        // The last layer holds the app's own files; the one before it, what came from NuGet packages.
        var before = await Engine.LayersAsync(_first.ImageId);
        var after = await Engine.LayersAsync(second.ImageId);
        Assert.That(after, Has.Count.EqualTo(before.Count));
        Assert.That(after.Take(after.Count - 1), Is.EqualTo(before.Take(before.Count - 1)), "a layer below the app's own changed: the dependencies layer was rebuilt");
        Assert.That(after[^1], Is.Not.EqualTo(before[^1]));
        var (_, listing) = await Engine.RunAsync(_app.Reference, ["/bin/sh", "-c", "ls /app"]);
        Assert.That(listing, Does.Contain("Newtonsoft.Json.dll").And.Contain("Shop.Catalog.dll"));
    }

    [Test]
    [Order(3)]
    public void Changing_a_central_package_version_runs_the_restore_step_again()
    {
        _app.Edit("Directory.Packages.props", s => s.Replace("Version=\"13.0.3\"", "Version=\"13.0.2\"", StringComparison.Ordinal));
        var third = Publish(_app);

        Assert.That(third.Succeeded, third.ToString());
        Assume.That(buildFrom, Is.EqualTo("source"), "only the builder stage restores");
        Assert.That(third.StepCached("RUN dotnet restore"), Is.False, "the restore step came from cache although a package version changed");
    }

    private PublishResult Publish(TestApp app) => app.Publish([$"-p:MultiStageBuildFrom={buildFrom}"]);
}
