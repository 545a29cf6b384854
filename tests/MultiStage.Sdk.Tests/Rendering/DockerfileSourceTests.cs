using MultiStage.Sdk.Reporting;
using MultiStage.Sdk.Rendering;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Rendering;

/// <summary>Where the Dockerfile comes from: the stack's template, a user's template, a user's Dockerfile, or an ejected one.</summary>
public class DockerfileSourceTests
{
    private static ProjectFacts Facts(TempProject project) => new()
    {
        ProjectFile = project.ProjectFile,
        AssemblyName = "MyApp",
        TargetFramework = "net10.0",
    };

    private static RenderedDockerfile Write(TempProject project, DockerfileSource source) =>
        DockerfileOutput.Write(Facts(project), new ContainerOptions(), "auto", source, Path.Combine(project.Directory, "obj", "multistage"));

    [Test]
    public void A_users_template_gets_the_same_model_and_the_packages_partials()
    {
        using var project = new TempProject();
        var template = project.Write("docker/My.sbn", """
            FROM {{ plan.runtime_image }}
            # {{ plan.app.project_file }}
            {{ include "shared/entrypoint.sbn" }}
            """);

        var lines = File.ReadAllLines(Write(project, new DockerfileSource(Templates.Directory, Template: template)).DockerfilePath);

        Assert.That(lines, Is.EqualTo(new[] { "FROM mcr.microsoft.com/dotnet/runtime:10.0", "# MyApp.csproj", "ENTRYPOINT [\"dotnet\", \"MyApp.dll\"]" }));
    }

    [Test]
    public void A_broken_users_template_is_MSTAGE2002_at_its_own_line()
    {
        using var project = new TempProject();
        var template = project.Write("My.sbn", "FROM x\nRUN {{ plan.no_such_member }}\n");

        var error = Assert.Throws<MultiStageException>(() => Write(project, new DockerfileSource(Templates.Directory, Template: template)))!.Diagnostic;

        Assert.That((error.Code, error.File, error.Line), Is.EqualTo(("MSTAGE2002", template, 2)));
    }

    [Test]
    public void A_missing_users_template_is_MSTAGE2001_naming_it()
    {
        using var project = new TempProject();
        var error = Assert.Throws<MultiStageException>(() => Write(project, new DockerfileSource(Templates.Directory, Template: Path.Combine(project.Directory, "none.sbn"))))!.Diagnostic;
        Assert.That((error.Code, error.File), Is.EqualTo(("MSTAGE2001", Path.Combine(project.Directory, "none.sbn"))));
    }

    [Test]
    public void A_users_Dockerfile_is_built_as_it_is_with_the_dockerignore_named_after_it()
    {
        using var project = new TempProject();
        var dockerfile = project.Write("Dockerfile", "FROM scratch\n");
        project.Write(".dockerignore", "from-the-context-root\n");
        project.Write("Dockerfile.dockerignore", "from-beside-the-dockerfile\n");

        var rendered = Write(project, new DockerfileSource(Templates.Directory, Dockerfile: dockerfile));

        Assert.That(rendered.DockerfilePath, Is.EqualTo(dockerfile));
        Assert.That(File.ReadAllText(dockerfile), Is.EqualTo("FROM scratch\n"), "the user's file was changed");
        Assert.That(Path.Combine(project.Directory, "obj", "multistage", "Dockerfile"), Does.Not.Exist, "a Dockerfile was rendered anyway");
        var ignore = File.ReadAllText(rendered.DockerIgnorePath);
        Assert.That(ignore, Does.Contain("from-beside-the-dockerfile").And.Not.Contain("from-the-context-root").And.Not.Contain("**/.git"));
    }

    [Test]
    public void Without_its_own_ignore_file_a_users_Dockerfile_takes_the_context_roots()
    {
        using var project = new TempProject();
        var dockerfile = project.Write("docker/Dockerfile", "FROM scratch\n");
        project.Write(".dockerignore", "from-the-context-root\n");

        Assert.That(File.ReadAllText(Write(project, new DockerfileSource(Templates.Directory, Dockerfile: dockerfile)).DockerIgnorePath), Does.Contain("from-the-context-root"));
    }

    [Test]
    public void A_missing_users_Dockerfile_is_MSTAGE2004()
    {
        using var project = new TempProject();
        var error = Assert.Throws<MultiStageException>(() => Write(project, new DockerfileSource(Templates.Directory, Dockerfile: Path.Combine(project.Directory, "Nope"))))!.Diagnostic;
        Assert.That(error.Code, Is.EqualTo("MSTAGE2004"));
        Assert.That(error.Message, Does.Contain("Nope"));
    }

    [Test]
    public void Eject_hands_over_the_rendered_files_with_the_marker_and_never_overwrites_unless_forced()
    {
        using var project = new TempProject();
        var rendered = Write(project, new DockerfileSource(Templates.Directory));

        var (dockerfile, dockerIgnore) = Eject.Write(rendered.DockerfilePath, rendered.DockerIgnorePath, project.Directory, force: false);

        var text = File.ReadAllText(dockerfile);
        Assert.That(text, Does.StartWith(Eject.Marker + "\n").And.Not.Contain("# Rendered by").And.Contain("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS builder"));
        Assert.That(dockerIgnore, Is.EqualTo(Path.Combine(project.Directory, "Dockerfile.dockerignore")));
        Assert.That(File.ReadAllText(dockerIgnore), Does.Contain("**/.git").And.Not.Contain(".multistage/Dockerfile"));

        File.WriteAllText(dockerfile, "# mine\n");
        var error = Assert.Throws<MultiStageException>(() => Eject.Write(rendered.DockerfilePath, rendered.DockerIgnorePath, project.Directory, force: false))!.Diagnostic;
        Assert.That(error.Code, Is.EqualTo("MSTAGE2003"));
        Assert.That(error.Message, Does.Contain(dockerfile).And.Contain("MultiStageEjectForce=true"));
        Assert.That(File.ReadAllText(dockerfile), Is.EqualTo("# mine\n"));

        Eject.Write(rendered.DockerfilePath, rendered.DockerIgnorePath, project.Directory, force: true);
        Assert.That(File.ReadAllText(dockerfile), Does.StartWith(Eject.Marker));
    }
}
