using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Rendering;

/// <summary>ContainerOsPackage, ContainerBuildArg and the health check, as each stack's Dockerfile renders them.</summary>
public class ImageItemsDockerfileTests
{
    private static readonly ContainerOptions Everything = new()
    {
        OsPackages = [new OsPackage("netbase"), new OsPackage("curl", "7.88.1-10+deb12u12")],
        BuildArgs = ["FEED_TOKEN", "GIT_SHA"],
        HealthCheck = new HealthCheckSettings("curl -f http://localhost:8080/health || exit 1", "30s", "3s", "1m", "3"),
        Labels = [new("com.example.team", "shop")],
    };

    private static List<string> Stage(string[] lines, string name)
    {
        var start = Array.FindIndex(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal) && l.EndsWith($" AS {name}", StringComparison.Ordinal));
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no stage {name}");
        return [.. lines.Skip(start).TakeWhile((l, i) => i == 0 || !l.StartsWith("FROM ", StringComparison.Ordinal))];
    }

    private static string[] DotNet(ContainerOptions options, string? family = null)
    {
        using var project = new TempProject();
        var facts = new ProjectFacts { ProjectFile = project.ProjectFile, ContextDirectory = project.Directory, AssemblyName = "MyApp", TargetFramework = "net10.0" };
        return File.ReadAllLines(Sdk.Rendering.DockerfileOutput.Write(facts, options with { Family = family }, null, new Sdk.Rendering.DockerfileSource(Templates.Directory), Path.Combine(project.Directory, "obj")).DockerfilePath);
    }

    [Test]
    public void Dotnet_installs_os_packages_with_apt_in_one_layer_before_the_app_and_the_user()
    {
        var final = Stage(DotNet(Everything), "final");
        var install = final.FindIndex(l => l.StartsWith("RUN apt-get update", StringComparison.Ordinal));

        Assert.That(final[install..(install + 3)], Is.EqualTo(new[]
        {
            "RUN apt-get update \\",
            "    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends netbase curl=7.88.1-10+deb12u12 \\",
            "    && rm -rf /var/lib/apt/lists/*",
        }));
        Assert.That(final.Count(l => l.StartsWith("RUN ", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(install, Is.LessThan(final.FindIndex(l => l.StartsWith("COPY ", StringComparison.Ordinal))));
        Assert.That(install, Is.LessThan(final.FindIndex(l => l.StartsWith("LABEL ", StringComparison.Ordinal))), "labels change with every commit; the install layer must not");
        Assert.That(install, Is.LessThan(final.FindIndex(l => l.StartsWith("USER ", StringComparison.Ordinal))));
    }

    [Test]
    public void The_alpine_family_installs_with_apk()
    {
        var final = Stage(DotNet(Everything with { OsPackages = [new OsPackage("icu-libs")] }, "alpine"), "final");
        Assert.That(final, Does.Contain("RUN apk add --no-cache icu-libs"));
        Assert.That(final, Has.None.Contains("apt-get"));
    }

    [Test]
    public void Build_args_are_declared_in_the_builder_only_and_without_values()
    {
        var lines = DotNet(Everything);
        var builder = Stage(lines, "builder");

        Assert.That(builder, Does.Contain("ARG FEED_TOKEN").And.Contain("ARG GIT_SHA"));
        Assert.That(builder.IndexOf("ARG FEED_TOKEN"), Is.LessThan(builder.FindIndex(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal))));
        Assert.That(Stage(lines, "final"), Has.None.StartsWith("ARG "));
    }

    [Test]
    public void Without_items_nothing_is_added()
    {
        var lines = DotNet(new ContainerOptions());
        Assert.That(lines, Has.None.StartsWith("ARG ").And.None.StartsWith("HEALTHCHECK").And.None.Contains("apt-get"));
    }

    [Test]
    public void A_shell_health_check_renders_with_its_options_in_the_final_stage()
    {
        var final = Stage(DotNet(Everything), "final");
        Assert.That(final, Does.Contain("HEALTHCHECK --interval=30s --timeout=3s --start-period=1m --retries=3 CMD curl -f http://localhost:8080/health || exit 1"));
        Assert.That(final.FindIndex(l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal)), Is.LessThan(final.FindIndex(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal))));
    }

    [Test]
    public void A_json_health_check_is_exec_form_and_NONE_turns_the_base_image_check_off()
    {
        Assert.That(DotNet(new ContainerOptions { HealthCheck = new HealthCheckSettings("""["/app/MyApp", "--health"]""") }),
            Does.Contain("HEALTHCHECK CMD [\"/app/MyApp\", \"--health\"]"));
        Assert.That(DotNet(new ContainerOptions { HealthCheck = new HealthCheckSettings("none") }), Does.Contain("HEALTHCHECK NONE"));
    }

    [Test]
    public void Go_on_distroless_takes_an_exec_health_check_and_declares_build_args()
    {
        using var app = new AppProject().With("go.mod", "module example.com/api\n\ngo 1.23\n").With("main.go", "package main\n\nfunc main() {}\n");
        var lines = app.Render(new ContainerOptions { BuildArgs = ["GOPROXY"], HealthCheck = new HealthCheckSettings("""["/app/api", "-health"]""") });

        Assert.That(Stage(lines, "builder"), Does.Contain("ARG GOPROXY"));
        Assert.That(Stage(lines, "final"), Does.Contain("HEALTHCHECK CMD [\"/app/api\", \"-health\"]"));
    }

    [Test]
    public void Node_declares_build_args_in_both_stages_that_install_and_installs_os_packages_with_apt()
    {
        using var app = new AppProject().With("package.json", """{ "scripts": { "build": "tsc", "start": "node dist/server.js" } }""").With("package-lock.json", "{}");
        var lines = app.Render(new ContainerOptions { BuildArgs = ["NPM_TOKEN"], OsPackages = [new OsPackage("tini")] });

        Assert.That(Stage(lines, "builder"), Does.Contain("ARG NPM_TOKEN"));
        Assert.That(Stage(lines, "prod-deps"), Does.Contain("ARG NPM_TOKEN"));
        Assert.That(Stage(lines, "final"), Has.Some.Contains("apt-get install -y --no-install-recommends tini \\").And.None.StartsWith("ARG "));
    }

    [Test]
    public void Php_installs_os_packages_with_apt_before_its_own_setup()
    {
        using var app = new AppProject().With("composer.json", """{ "require": { "php": "^8.3" } }""").With("public/index.php");
        var final = Stage(app.Render(new ContainerOptions { OsPackages = [new OsPackage("libzip4")], BuildArgs = ["COMPOSER_AUTH"] }), "final");

        Assert.That(final, Has.Some.Contains("--no-install-recommends libzip4 \\"));
        Assert.That(final.FindIndex(l => l.StartsWith("RUN apt-get", StringComparison.Ordinal)), Is.LessThan(final.FindIndex(l => l.StartsWith("COPY ", StringComparison.Ordinal))));
    }
}
