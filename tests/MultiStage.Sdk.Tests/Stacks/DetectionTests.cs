using MultiStage.Sdk.Reporting;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Stacks;

public class DetectionTests
{
    [TestCase("package.json", "{}", "node")]
    [TestCase("go.mod", "module a\n", "go")]
    [TestCase("composer.json", "{}", "php")]
    public void The_manifest_names_the_stack(string manifest, string content, string stack)
    {
        using var app = new AppProject().With(manifest, content);
        Assert.That(StackCatalog.Resolve("auto", app.Facts).Name, Is.EqualTo(stack));
    }

    [Test]
    public void A_folder_with_no_manifest_is_MSTAGE1004_listing_what_was_looked_for()
    {
        using var app = new AppProject().With("README.md", "hi");
        var e = Assert.Throws<MultiStageException>(() => StackCatalog.Resolve(null, app.Facts))!;

        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE1004"));
        Assert.That(e.Diagnostic.Message, Does.Contain("package.json").And.Contain("go.mod").And.Contain("composer.json"));
    }

    [TestCase("node", "package.json")]
    [TestCase("go", "go.mod")]
    [TestCase("php", "composer.json")]
    public void A_forced_stack_without_its_manifest_is_MSTAGE1013_naming_the_file(string stack, string file)
    {
        using var app = new AppProject().With("README.md", "hi");
        var e = Assert.Throws<MultiStageException>(() => app.Plan(stack: stack))!;

        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE1013"));
        Assert.That(e.Diagnostic.Message, Does.Contain($"'{file}'").And.Contain(app.Directory));
    }

    [Test]
    public void The_app_stacks_keep_the_sdk_project_and_its_output_out_of_the_context()
    {
        using var app = new AppProject().With("go.mod", "module a\n\ngo 1.19\n").With("main.go", "package main\n");
        var output = Path.Combine(app.Directory, "obj", "multistage");
        MultiStage.Sdk.Rendering.DockerfileOutput.Write(app.Facts, new ContainerOptions(), null, new MultiStage.Sdk.Rendering.DockerfileSource(Templates.Directory), output);

        Assert.That(File.ReadAllLines(Path.Combine(output, ".dockerignore")), Does.Contain("*.*proj").And.Contain("obj"));
    }

    [TestCase("artisan", "{}")]
    [TestCase(null, """{ "require": { "laravel/framework": "^11.0" } }""")]
    [TestCase(null, """{ "require": { "symfony/framework-bundle": "7.1.*" } }""")]
    public void A_laravel_or_symfony_app_with_a_package_json_is_php(string? marker, string composer)
    {
        using var app = new AppProject().With("composer.json", composer).With("package.json", """{ "scripts": { "build": "vite build" } }""");
        if (marker is not null)
        {
            app.With(marker, "<?php");
        }

        Assert.That(StackCatalog.Resolve("auto", app.Facts).Name, Is.EqualTo("php"));
    }

    [TestCase("composer.json", "package.json")]
    [TestCase("go.mod", "package.json")]
    public void Two_manifests_and_no_rule_that_decides_are_MSTAGE1038_naming_both_and_MultiStageStack(string one, string other)
    {
        using var app = new AppProject().With(one, one == "go.mod" ? "module a\n" : "{}").With(other, "{}");
        var e = Assert.Throws<MultiStageException>(() => StackCatalog.Resolve(null, app.Facts))!;

        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE1038"));
        Assert.That(e.Diagnostic.Message, Does.Contain(one).And.Contain(other).And.Contain("MultiStageStack"));
        Assert.That(StackCatalog.Resolve("node", app.Facts).Name, Is.EqualTo("node"), "a forced stack decides");
    }

    [Test]
    public void A_dotnet_project_is_dotnet_whatever_manifests_its_folder_holds()
    {
        using var folder = new TempProject("web.csproj");
        folder.Write("package.json", "{}");
        folder.Write("composer.json", "{}");
        Assert.That(StackCatalog.Resolve(null, new ProjectFacts { ProjectFile = folder.ProjectFile }).Name, Is.EqualTo("dotnet"));
    }
}
