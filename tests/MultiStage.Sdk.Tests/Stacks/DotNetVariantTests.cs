using MultiStage.Sdk.Rendering;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Stacks;

public class DotNetVariantTests
{
    private static string[] Render(ProjectFacts facts, ContainerOptions? options = null) =>
        File.ReadAllLines(DockerfileOutput.Write(facts, options ?? new ContainerOptions(), null, new DockerfileSource(Templates.Directory), Path.Combine(facts.ProjectDirectory, "obj")).DockerfilePath);

    private static ProjectFacts Facts(TempProject project, bool web = true) => new()
    {
        ProjectFile = project.ProjectFile,
        ContextDirectory = project.Directory,
        AssemblyName = "MyApp",
        TargetFramework = "net10.0",
        IsWebProject = web,
    };

    [Test]
    public void Self_contained_runs_its_own_host_on_runtime_deps()
    {
        using var project = new TempProject();
        var lines = Render(Facts(project) with { SelfContained = true });

        Assert.That(lines, Does.Contain("FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS final"));
        Assert.That(lines, Does.Contain("RUN dotnet restore \"MyApp.csproj\" -r linux-x64"));
        Assert.That(lines, Has.Some.Contains("-r linux-x64 --self-contained true -o /app/publish").And.None.Contains("UseAppHost=false"));
        Assert.That(lines[^1], Is.EqualTo("ENTRYPOINT [\"/app/MyApp\"]"));
    }

    [Test]
    public void Trimmed_is_self_contained_too_and_keeps_the_projects_architecture()
    {
        using var project = new TempProject();
        var plan = new DotNetStack().Plan(Facts(project) with { PublishTrimmed = true, RuntimeIdentifier = "linux-arm64" }, new ContainerOptions());

        Assert.That(plan.RuntimeImage, Is.EqualTo("mcr.microsoft.com/dotnet/runtime-deps:10.0"));
        Assert.That(((DotNetApp)plan.App).Variant.RuntimeIdentifier, Is.EqualTo("linux-arm64"));
        Assert.That(plan.Variant, Does.Contain("trimmed"));
        Assert.That(((DotNetApp)plan.App).Variant.Properties, Is.EqualTo(new[] { "PublishTrimmed=true" }));
    }

    [Test]
    public void Native_aot_builds_on_the_aot_sdk_checks_its_toolchain_with_a_coded_message_and_runs_on_runtime_deps()
    {
        using var project = new TempProject();
        var lines = Render(Facts(project) with { PublishAot = true, InvariantGlobalization = true }).ToList();
        var check = lines.FindIndex(l => l.StartsWith("RUN { command -v clang", StringComparison.Ordinal));

        Assert.That(lines, Does.Contain("FROM mcr.microsoft.com/dotnet/sdk:10.0-noble-aot AS builder"));
        Assert.That(lines, Does.Contain("RUN dotnet restore \"MyApp.csproj\" -r linux-x64 -p:PublishAot=true -p:InvariantGlobalization=true"));
        Assert.That(lines, Does.Contain("FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble AS final"));
        Assert.That(check, Is.GreaterThan(lines.IndexOf("WORKDIR /src")).And.LessThan(lines.FindIndex(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal))));
        Assert.That(lines[check + 1], Does.Contain("MSTAGE4005"));
        Assert.That(lines[^1], Is.EqualTo("ENTRYPOINT [\"/app/MyApp\"]"));
    }

    [TestCase("alpine", false, "aspnet:10.0-alpine", "sdk:10.0-alpine")]
    [TestCase("noble-chiseled", true, "aspnet:10.0-noble-chiseled", "sdk:10.0-noble")]
    [TestCase("noble-chiseled", false, "aspnet:10.0-noble-chiseled-extra", "sdk:10.0-noble")]
    public void The_family_is_appended_to_the_tags_and_chiseled_keeps_icu_unless_globalization_is_invariant(string family, bool invariant, string runtime, string builder)
    {
        using var project = new TempProject();
        var plan = new DotNetStack().Plan(Facts(project) with { InvariantGlobalization = invariant }, new ContainerOptions { Family = family });

        Assert.That(plan.RuntimeImage, Is.EqualTo($"mcr.microsoft.com/dotnet/{runtime}"));
        Assert.That(plan.BuilderImage, Is.EqualTo($"mcr.microsoft.com/dotnet/{builder}"));
    }

    [Test]
    public void Alpine_self_contained_publishes_for_musl()
    {
        using var project = new TempProject();
        var plan = new DotNetStack().Plan(Facts(project, web: false) with { SelfContained = true }, new ContainerOptions { Family = "alpine" });

        Assert.That(((DotNetApp)plan.App).Variant.RuntimeIdentifier, Is.EqualTo("linux-musl-x64"));
        Assert.That(plan.RuntimeImage, Is.EqualTo("mcr.microsoft.com/dotnet/runtime-deps:10.0-alpine"));
    }
}
