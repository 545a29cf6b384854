using MultiStage.Sdk.Rendering;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Rendering;

public class DotNetDockerfileTests
{
    private static RenderedDockerfile Render(TempProject project, bool web, string tfm = "net10.0", ContainerOptions? options = null, string? assetsFile = null)
    {
        var facts = new ProjectFacts
        {
            ProjectFile = project.ProjectFile,
            ContextDirectory = project.Directory,
            AssemblyName = "MyApp",
            TargetFramework = tfm,
            IsWebProject = web,
            ProjectAssetsFile = assetsFile,
        };
        return DockerfileOutput.Write(facts, options ?? new ContainerOptions(), "auto", new DockerfileSource(Templates.Directory), Path.Combine(project.Directory, "obj", "multistage"));
    }

    private static string[] Lines(RenderedDockerfile rendered) => File.ReadAllLines(rendered.DockerfilePath);

    [TestCase("net8.0", "8.0")]
    [TestCase("net9.0", "9.0")]
    [TestCase("net10.0", "10.0")]
    public void Web_project_builds_on_the_sdk_and_runs_on_aspnet_at_the_framework_tag(string tfm, string tag)
    {
        using var project = new TempProject();
        var lines = Lines(Render(project, web: true, tfm));

        Assert.That(lines, Does.Contain($"FROM mcr.microsoft.com/dotnet/sdk:{tag} AS builder"));
        Assert.That(lines, Does.Contain($"FROM mcr.microsoft.com/dotnet/aspnet:{tag} AS final"));
        Assert.That(lines, Does.Contain("EXPOSE 8080"));
        Assert.That(lines, Has.Some.StartsWith("RUN dotnet publish \"MyApp.csproj\" --no-restore -c Release -f " + tfm));
    }

    [Test]
    public void The_header_names_the_image_family_only_when_the_package_chose_the_image()
    {
        using var project = new TempProject();

        Assert.That(Lines(Render(project, web: true))[0], Does.Contain("(aspnet, "));
        var own = Lines(Render(project, web: true, options: new ContainerOptions { BaseImage = "registry.example.com/base/web:2" }));
        Assert.That(own[0], Does.StartWith("# Rendered by MultiStage.Sdk").And.Not.Contain("aspnet"));
        Assert.That(own, Does.Contain("FROM registry.example.com/base/web:2 AS final"));
    }

    [TestCase("net8.0", "8.0")]
    [TestCase("net10.0", "10.0")]
    public void Console_project_runs_on_runtime_and_exposes_nothing(string tfm, string tag)
    {
        using var project = new TempProject();
        var lines = Lines(Render(project, web: false, tfm));

        Assert.That(lines, Does.Contain($"FROM mcr.microsoft.com/dotnet/runtime:{tag} AS final"));
        Assert.That(lines, Has.None.StartsWith("EXPOSE"));
        Assert.That(lines, Has.None.Contains("aspnet"));
    }

    [Test]
    public void Restore_inputs_are_copied_and_restored_before_the_sources()
    {
        using var project = new TempProject();
        project.Write("nuget.config", "<configuration />");
        project.Write("Directory.Build.props", "<Project />");
        var lines = Lines(Render(project, web: true)).ToList();

        var copyProject = lines.IndexOf("COPY [\"MyApp.csproj\", \"MyApp.csproj\"]");
        var copyProps = lines.IndexOf("COPY [\"Directory.Build.props\", \"Directory.Build.props\"]");
        var restore = lines.IndexOf("RUN dotnet restore \"MyApp.csproj\"");
        var sources = lines.IndexOf("COPY . .");
        var publish = lines.FindIndex(l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal));

        Assert.That(new[] { copyProject, copyProps }, Has.All.GreaterThan(0).And.All.LessThan(restore));
        Assert.That(lines, Has.None.Contains("\"nuget.config\""), "the user's nuget.config stays out of the builder");
        Assert.That(restore, Is.LessThan(sources));
        Assert.That(sources, Is.LessThan(publish));
    }

    [Test]
    public void Runtime_stage_copies_only_the_publish_output_and_runs_as_the_images_non_root_user()
    {
        using var project = new TempProject();
        var lines = Lines(Render(project, web: true)).ToList();
        var final = lines.IndexOf("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final");
        var runtime = lines.Skip(final).ToList();

        Assert.That(runtime.Where(l => l.StartsWith("COPY", StringComparison.Ordinal)), Is.EqualTo(new[] { "COPY --from=builder /app/publish ." }));
        Assert.That(runtime, Has.None.StartsWith("RUN"));
        Assert.That(runtime, Does.Contain("USER $APP_UID"));
        Assert.That(runtime[^1], Is.EqualTo("ENTRYPOINT [\"dotnet\", \"MyApp.dll\"]"));
    }

    [Test]
    public void The_publish_inside_the_builder_never_containerizes_again()
    {
        using var project = new TempProject();
        Assert.That(Lines(Render(project, web: false)), Has.Some.Contains("-p:ContainerizeMultiStage=false"));
    }

    [Test]
    public void The_builder_restores_with_its_own_nuget_config_and_the_carried_packages_before_the_sources()
    {
        using var project = new TempProject();
        var feed = Path.Combine(project.Directory, "eng", "localfeed") + "/";
        var assets = new Stacks.RestoreLayout(project).Source(feed).Package("Vendor.Tax", "1.0.0", feed).Write();
        var rendered = Render(project, web: false, assetsFile: assets);
        var lines = Lines(rendered).ToList();

        var restore = lines.FindIndex(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        Assert.That(lines[restore], Is.EqualTo("RUN dotnet restore \"MyApp.csproj\" --configfile .multistage/nuget.config -p:RestoreSources= -p:RestoreAdditionalProjectSources= -p:RestoreFallbackFolders="));
        Assert.That(lines.IndexOf("COPY [\".multistage/nuget.config\", \".multistage/\"]"), Is.InRange(0, restore));
        Assert.That(lines.IndexOf("COPY [\".multistage/packages/\", \".multistage/packages/\"]"), Is.InRange(0, restore));
        Assert.That(File.ReadAllText(Path.Combine(rendered.DockerfilePath, "..", "nuget.config")), Does.Contain("<clear />"));
        Assert.That(MultiStage.Sdk.Pipeline.BuildPlan.Read(rendered.PlanPath).HostFiles.Select(f => f.Path), Is.EqualTo(new[] { ".multistage/packages/vendor.tax.1.0.0.nupkg" }));
    }

    [Test]
    public void Ports_environment_labels_and_user_come_from_the_options()
    {
        using var project = new TempProject();
        var options = new ContainerOptions
        {
            Ports = [new ContainerPort(5000), new ContainerPort(5001, "udp")],
            Environment = [new("GREETING", "say \"hi\" to $USER")],
            Labels = [new("org.opencontainers.image.title", "My App")],
            User = "1000",
            BaseImage = "registry.example:5000/base/aspnet:10.0-custom",
        };
        var lines = Lines(Render(project, web: true, options: options));

        Assert.That(lines, Does.Contain("EXPOSE 5000").And.Contain("EXPOSE 5001/udp").And.Not.Contain("EXPOSE 8080"));
        Assert.That(lines, Does.Contain("ENV GREETING=\"say \\\"hi\\\" to \\$USER\""));
        Assert.That(lines, Does.Contain("LABEL org.opencontainers.image.title=\"My App\""));
        Assert.That(lines, Does.Contain("USER 1000"));
        Assert.That(lines, Does.Contain("FROM registry.example:5000/base/aspnet:10.0-custom AS final"));
    }

    [Test]
    public void Dockerignore_keeps_build_output_and_secrets_out_and_the_users_rules_win()
    {
        using var project = new TempProject();
        project.Write(".dockerignore", "\uFEFF!**/keep.pem\n");
        var text = File.ReadAllText(Render(project, web: true).DockerIgnorePath);

        Assert.That(text, Does.Contain("**/bin").And.Contain("**/obj").And.Contain("**/*.pfx").And.Contain("**/.env"));
        Assert.That(text.IndexOf("!**/keep.pem", StringComparison.Ordinal), Is.GreaterThan(text.IndexOf("**/*.pem", StringComparison.Ordinal)));
        Assert.That(text, Does.Contain(".multistage/Dockerfile"));
    }

    [Test]
    public void Rendering_twice_leaves_unchanged_files_untouched()
    {
        using var project = new TempProject();
        var first = Render(project, web: true);
        // Far in the past, so a rewrite shows whatever the file system's time resolution.
        var longAgo = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var file in new[] { first.DockerfilePath, first.DockerIgnorePath, first.PlanPath })
        {
            File.SetLastWriteTimeUtc(file, longAgo);
        }

        Render(project, web: true);

        Assert.That(new[] { first.DockerfilePath, first.DockerIgnorePath, first.PlanPath }.Select(File.GetLastWriteTimeUtc), Has.All.EqualTo(longAgo));
    }
}
