using System.Text.Json;
using MultiStage.Sdk.Pipeline;
using MultiStage.Sdk.Rendering;
using MultiStage.Sdk.Reporting;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Rendering;

/// <summary>A .NET app's image made from its publish output (MultiStageBuildFrom=publish, the default).</summary>
public class PublishDockerfileTests
{
    private static readonly string[] PackageFiles = ["Newtonsoft.Json.dll", "runtimes/linux-x64/native/libe_sqlite3.so"];

    private static RenderedDockerfile Render(
        TempProject project, bool web = true, string? rid = null, IReadOnlyList<string>? packageFiles = null, bool selfContained = false, string? containerRid = null, ContainerOptions? options = null)
    {
        var publish = Path.Combine(project.Directory, "bin", "Release", "net10.0", "publish");
        foreach (var file in new[] { "MyApp.dll", "MyApp.deps.json", "MyApp.runtimeconfig.json", "wwwroot/site.css" }.Concat(packageFiles ?? PackageFiles))
        {
            project.Write(Path.Combine(publish, file), file);
        }

        var facts = new ProjectFacts
        {
            ProjectFile = project.ProjectFile,
            AssemblyName = "MyApp",
            TargetFramework = "net10.0",
            IsWebProject = web,
            FromPublish = true,
            PublishDirectory = publish,
            PackageFiles = packageFiles ?? PackageFiles,
            RuntimeIdentifier = rid,
            ContainerRuntimeIdentifier = containerRid,
            SelfContained = selfContained,
        };
        return DockerfileOutput.Write(facts, options ?? new ContainerOptions(), "auto", new DockerfileSource(Templates.Directory), Path.Combine(project.Directory, "obj", "multistage"));
    }

    [Test]
    public void The_image_is_one_runtime_stage_that_copies_the_dependencies_then_the_app_last_and_runs_nothing()
    {
        using var project = new TempProject();
        var options = new ContainerOptions { Labels = [new("org.opencontainers.image.revision", "0123abc")] };
        var lines = File.ReadAllLines(Render(project, options: options).DockerfilePath).ToList();

        Assert.That(lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)), Is.EqualTo(new[] { "FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final" }));
        Assert.That(lines.Where(l => l.StartsWith("COPY", StringComparison.Ordinal)), Is.EqualTo(new[] { "COPY dependencies/ .", "COPY app/ ." }));
        Assert.That(lines, Has.None.StartsWith("RUN"));
        Assert.That(lines, Does.Contain("USER $APP_UID").And.Contain("ENTRYPOINT [\"dotnet\", \"MyApp.dll\"]"));
        // After an edit the classic builder runs every instruction from the first changed one: only the app's layer.
        // After a commit, the labels (the revision) and the app's layer; the dependencies' layer stays.
        var app = lines.IndexOf("COPY app/ .");
        Assert.That(lines.Skip(app + 1).Where(l => l.Length > 0 && char.IsUpper(l[0])), Is.Empty);
        var label = lines.FindIndex(l => l.StartsWith("LABEL ", StringComparison.Ordinal));
        Assert.That(label, Is.GreaterThan(lines.IndexOf("COPY dependencies/ .")).And.LessThan(app));
        Assert.That(lines.IndexOf("USER $APP_UID"), Is.GreaterThan(0).And.LessThan(lines.IndexOf("COPY dependencies/ .")));
        Assert.That(lines[0], Does.Contain("from the publish"));
    }

    [Test]
    public void The_plan_sends_the_package_files_under_dependencies_and_the_rest_under_app_with_no_context_folder()
    {
        using var project = new TempProject();
        var rendered = Render(project);
        var plan = BuildPlan.Read(rendered.PlanPath);

        Assert.That(plan.BuildFrom, Is.EqualTo("publish"));
        Assert.That(plan.ContextDirectory, Is.Null);
        Assert.That(plan.BuilderSourceRoot, Is.Null);
        Assert.That(plan.HostFiles.Select(f => f.Path), Is.EqualTo(new[]
        {
            "app/MyApp.deps.json", "app/MyApp.dll", "app/MyApp.runtimeconfig.json", "dependencies/Newtonsoft.Json.dll",
            "dependencies/runtimes/linux-x64/native/libe_sqlite3.so", "app/wwwroot/site.css",
        }));
        Assert.That(plan.HostFiles, Has.All.Matches<MultiStage.Sdk.Context.ContextFile>(f => File.ReadAllText(f.Source) == f.Path.Split('/', 2)[1]));
    }

    [Test]
    public void A_portable_publish_sends_only_the_native_assets_of_the_containers_runtime()
    {
        using var project = new TempProject();
        string[] natives = ["runtimes/win-x64/native/e_sqlite3.dll", "runtimes/osx-arm64/native/libe_sqlite3.dylib", "runtimes/linux-arm64/native/libe_sqlite3.so", "runtimes/linux-musl-x64/native/libe_sqlite3.so", "runtimes/unix/lib/net8.0/Sys.dll"];
        var plan = BuildPlan.Read(Render(project, web: false, packageFiles: natives, containerRid: "linux-x64").PlanPath);

        Assert.That(plan.HostFiles.Where(f => f.Path.Contains("/runtimes/", StringComparison.Ordinal)).Select(f => f.Path), Is.EqualTo(new[] { "dependencies/runtimes/unix/lib/net8.0/Sys.dll" }));
        Assert.That(plan.RuntimeIdentifier, Is.EqualTo("linux-x64"), "the image is for that runtime");
        Assert.That(PublishOutput.LoadedBy("linux-musl-arm64"), Is.EquivalentTo(new[] { "linux-musl-arm64", "linux-musl", "linux-arm64", "linux", "unix", "any" }));
    }

    [Test]
    public void Without_package_files_there_is_no_dependencies_layer()
    {
        using var project = new TempProject();
        var lines = File.ReadAllLines(Render(project, packageFiles: []).DockerfilePath);

        Assert.That(lines.Where(l => l.StartsWith("COPY", StringComparison.Ordinal)), Is.EqualTo(new[] { "COPY app/ ." }));
    }

    [Test]
    public void A_self_contained_linux_publish_runs_on_runtime_deps_through_its_own_host()
    {
        using var project = new TempProject();
        var rendered = Render(project, web: false, rid: "linux-x64", selfContained: true);
        var lines = File.ReadAllLines(rendered.DockerfilePath);

        Assert.That(lines, Does.Contain("FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS final"));
        Assert.That(lines, Does.Contain("ENTRYPOINT [\"/app/MyApp\"]"));
        Assert.That(BuildPlan.Read(rendered.PlanPath).RuntimeIdentifier, Is.EqualTo("linux-x64"));
    }

    [TestCase("win-x64")]
    [TestCase("osx-arm64")]
    public void A_publish_for_another_os_is_MSTAGE1030(string rid)
    {
        using var project = new TempProject();
        var error = Assert.Throws<MultiStageException>(() => Render(project, rid: rid, selfContained: true))!;

        Assert.That(error.Diagnostic.Code, Is.EqualTo("MSTAGE1030"));
        Assert.That(error.Diagnostic.Message, Does.Contain(rid).And.Contain("MultiStageBuildFrom=source"));
    }

    [TestCase("", true)]
    [TestCase("publish", true)]
    [TestCase("Source", false)]
    public void MultiStageBuildFrom_is_publish_or_source(string value, bool fromPublish) =>
        Assert.That(DotNetStack.ParseBuildFrom(value), Is.EqualTo(fromPublish));

    [Test]
    public void Any_other_MultiStageBuildFrom_is_MSTAGE1029()
    {
        var error = Assert.Throws<MultiStageException>(() => DotNetStack.ParseBuildFrom("docker"))!;
        Assert.That(error.Diagnostic.Code, Is.EqualTo("MSTAGE1029"));
    }

    [Test]
    public void A_users_own_Dockerfile_is_built_from_the_sources_context_even_in_publish_mode()
    {
        using var project = new TempProject();
        var dockerfile = project.Write("Dockerfile", "FROM scratch\nCOPY . /ctx\n");
        var facts = new ProjectFacts { ProjectFile = project.ProjectFile, AssemblyName = "MyApp", TargetFramework = "net10.0", FromPublish = true, PublishDirectory = project.Directory };
        var rendered = DockerfileOutput.Write(facts, new ContainerOptions(), "auto", new DockerfileSource(Templates.Directory, Dockerfile: dockerfile), Path.Combine(project.Directory, "obj", "multistage"));
        var plan = BuildPlan.Read(rendered.PlanPath);

        Assert.That(plan.BuildFrom, Is.EqualTo("source"));
        Assert.That(plan.ContextDirectory, Is.EqualTo(project.Directory));
        Assert.That(plan.Dockerfile, Is.EqualTo(dockerfile));
    }

    [Test]
    public void The_plan_file_is_camel_case_json_with_no_nulls()
    {
        using var project = new TempProject();
        using var json = JsonDocument.Parse(File.ReadAllText(Render(project).PlanPath));
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();

        Assert.That(names, Is.EqualTo(new[] { "stack", "buildFrom", "builder", "dockerfile", "dockerIgnore", "planFiles", "hostFiles" }));
    }
}
