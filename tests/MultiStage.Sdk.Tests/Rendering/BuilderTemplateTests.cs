using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Rendering;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Rendering;

/// <summary>Each stack's template for both builders: BuildKit gets cache mounts at the download steps, the classic builder no <c>RUN --mount</c> at all.</summary>
public class BuilderTemplateTests
{
    private static ContainerOptions For(string builder) => new() { Builder = builder };

    private static IReadOnlyList<DockerfileStep> Steps(string[] lines) => DockerfileSteps.Parse(string.Join('\n', lines));

    /// <summary>The RUN step that runs <paramref name="command"/>, with what comes before it on the step (the mounts).</summary>
    private static string Run(string[] lines, string command, string? stage = null) =>
        Steps(lines).Single(s => s.Instruction == "RUN" && s.Text.Contains(command, StringComparison.Ordinal) && (stage is null || s.Stage == stage)).Text;

    private static void AssertBuilder(string[] lines, string builder, params (string Command, string Mounts)[] runs)
    {
        Assert.That(lines[..4], Has.Some.EqualTo(builder == "buildkit"
            ? "# For BuildKit: the package managers' downloads stay in cache mounts between builds (RUN --mount)."
            : "# For the classic builder: no cache mounts, so a changed dependency downloads every package again (BuildKit keeps them)."));
        if (builder == "classic")
        {
            Assert.That(lines, Has.None.Contains("--mount"), string.Join('\n', lines));
            return;
        }

        foreach (var (command, mounts) in runs)
        {
            Assert.That(Run(lines, command), Does.StartWith($"RUN {mounts} {command}"), string.Join('\n', lines));
        }
    }

    [Test]
    public void Node_with_npm_mounts_the_npm_cache_in_the_builder_and_prod_deps_installs([Values("buildkit", "classic")] string builder)
    {
        using var app = new AppProject().With("package.json", """{ "scripts": { "build": "tsc", "start": "node dist/server.js" } }""").With("package-lock.json");
        var lines = app.Render(For(builder));

        AssertBuilder(lines, builder, ("npm ci --omit=dev", "--mount=type=cache,id=npm,target=/root/.npm"));
        if (builder == "buildkit")
        {
            Assert.That(Run(lines, "npm ci", stage: "builder"), Is.EqualTo("RUN --mount=type=cache,id=npm,target=/root/.npm npm ci"));
        }
    }

    [TestCase("yarn.lock", null, "yarn install --frozen-lockfile --production", "--mount=type=cache,id=yarn,target=/usr/local/share/.cache/yarn,sharing=locked")]
    [TestCase("yarn.lock", "yarn@4.5.0", "yarn workspaces focus --all --production", "--mount=type=cache,id=yarn-berry,target=/root/.yarn/berry/cache,sharing=locked")]
    [TestCase("pnpm-lock.yaml", null, "pnpm install --frozen-lockfile --prod", "--mount=type=cache,id=pnpm,target=/root/.local/share/pnpm/store")]
    public void Node_mounts_the_cache_of_its_package_manager(string lockfile, string? packageManager, string install, string mount)
    {
        var field = packageManager is null ? "" : $"\"packageManager\": \"{packageManager}\", ";
        using var app = new AppProject().With("package.json", $$"""{ {{field}}"main": "index.js" }""").With(lockfile).With("index.js");

        AssertBuilder(app.Render(For("buildkit")), "buildkit", (install, mount));
        AssertBuilder(app.Render(For("classic")), "classic");
    }

    /// <summary>BuildKit runs stages that need nothing of each other at the same time: neither starts from nor copies from the other.</summary>
    [Test]
    public void Node_prod_deps_and_builder_stages_do_not_depend_on_each_other([Values("buildkit", "classic")] string builder)
    {
        using var app = new AppProject().With("package.json", """{ "scripts": { "build": "tsc", "start": "node dist/server.js" } }""").With("package-lock.json");
        var steps = Steps(app.Render(For(builder)));

        static bool Uses(DockerfileStep step, string stage) =>
            step.BaseImage == stage || step.Text.Contains($"--from={stage} ", StringComparison.Ordinal);
        Assert.That(steps.Select(s => s.Stage), Does.Contain("builder").And.Contain("prod-deps"));
        Assert.That(steps.Where(s => s.Stage == "prod-deps").Where(s => Uses(s, "builder")), Is.Empty);
        Assert.That(steps.Where(s => s.Stage == "builder").Where(s => Uses(s, "prod-deps")), Is.Empty);
    }

    [Test]
    public void Go_mounts_the_module_cache_for_the_download_and_the_build_and_the_build_cache_for_the_build([Values("buildkit", "classic")] string builder)
    {
        using var app = new AppProject().With("go.mod", "module example.com/api\n\ngo 1.23\n").With("go.sum").With("main.go", "package main\n\nfunc main() {}\n");

        AssertBuilder(app.Render(For(builder)), builder,
            ("go mod download", "--mount=type=cache,id=go-mod,target=/go/pkg/mod"),
            ("CGO_ENABLED=0 go build", "--mount=type=cache,id=go-mod,target=/go/pkg/mod --mount=type=cache,id=go-build,target=/root/.cache/go-build"));
    }

    [Test]
    public void Go_with_vendored_modules_mounts_only_the_build_cache()
    {
        using var app = new AppProject().With("go.mod", "module example.com/api\n\ngo 1.23\n").With("vendor/modules.txt").With("main.go", "package main\n\nfunc main() {}\n");
        var lines = app.Render(For("buildkit"));

        AssertBuilder(lines, "buildkit", ("CGO_ENABLED=0 go build", "--mount=type=cache,id=go-build,target=/root/.cache/go-build"));
        Assert.That(lines, Has.None.Contains("go-mod").And.None.Contains("go mod download"));
    }

    [Test]
    public void Php_mounts_composer_s_cache_and_the_front_end_s_package_cache([Values("buildkit", "classic")] string builder)
    {
        using var app = new AppProject().With("composer.json", """{ "require": { "php": "^8.2" } }""").With("composer.lock", "{}")
            .With("package.json", """{ "scripts": { "build": "vite build" } }""").With("package-lock.json").With("public/index.php");
        var lines = app.Render(For(builder), stack: "php");

        AssertBuilder(lines, builder,
            ("composer install", "--mount=type=cache,id=composer,target=/tmp/cache,sharing=locked"),
            ("npm ci", "--mount=type=cache,id=npm,target=/root/.npm"));
    }

    [Test]
    public void DotNet_from_source_mounts_the_nuget_packages_folder_for_the_restore_and_the_publish([Values("buildkit", "classic")] string builder)
    {
        using var project = new TempProject();
        var lines = File.ReadAllLines(DockerfileOutput.Write(DotNet(project, fromPublish: false), For(builder), "auto", new DockerfileSource(Templates.Directory), project.Directory + "/obj/multistage").DockerfilePath);

        const string nuget = "--mount=type=cache,id=nuget,target=/root/.nuget/packages";
        AssertBuilder(lines, builder, ("dotnet restore", nuget), ("dotnet publish", nuget));
    }

    /// <summary>From a publish there is no restore: the file is the same for both builders but for the header line.</summary>
    [Test]
    public void DotNet_from_publish_differs_between_builders_only_in_the_header()
    {
        using var project = new TempProject();
        var publish = Path.Combine(project.Directory, "bin", "publish");
        project.Write(Path.Combine(publish, "MyApp.dll"), "");
        string[] Render(string builder) => File.ReadAllLines(DockerfileOutput.Write(DotNet(project, fromPublish: true) with { PublishDirectory = publish }, For(builder), "auto", new DockerfileSource(Templates.Directory), project.Directory + "/obj/" + builder).DockerfilePath);

        var (buildkit, classic) = (Render("buildkit"), Render("classic"));
        Assert.That(buildkit.Where(l => !l.StartsWith("# For ", StringComparison.Ordinal)), Is.EqualTo(classic.Where(l => !l.StartsWith("# For ", StringComparison.Ordinal))));
        AssertBuilder(buildkit, "buildkit");
        AssertBuilder(classic, "classic");
    }

    [Test]
    public void An_unknown_builder_is_MSTAGE1049()
    {
        using var app = new AppProject().With("package.json", """{ "main": "index.js" }""").With("index.js");
        var e = Assert.Throws<MultiStage.Sdk.Reporting.MultiStageException>(() => app.Render(For("kaniko")))!;
        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE1049"));
    }

    private static ProjectFacts DotNet(TempProject project, bool fromPublish) => new()
    {
        ProjectFile = project.ProjectFile,
        ContextDirectory = project.Directory,
        AssemblyName = "MyApp",
        TargetFramework = "net10.0",
        FromPublish = fromPublish,
    };
}
