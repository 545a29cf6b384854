using MultiStage.Sdk.Rendering;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Rendering;

/// <summary>The last render's texts are reused only while nothing a render reads has changed: the plan, the templates, the package.</summary>
public class RenderCacheTests
{
    /// <summary>Renders <paramref name="template"/> through a cache read from <paramref name="file"/> and saved after; counts the real renders.</summary>
    private static string Render(string file, string templatesRoot, string template, StackPlan plan, ref int renders)
    {
        var cache = new RenderCache(file);
        var counted = 0;
        var text = cache.GetOrRender(template, templatesRoot, plan, () =>
        {
            counted++;
            return $"rendered {File.ReadAllText(template)} for {plan.Variant}";
        });
        cache.Save();
        renders += counted;
        return text;
    }

    [Test]
    public void An_unchanged_plan_and_templates_reuse_the_text_and_any_change_renders_again()
    {
        using var dir = new TempProject();
        var root = Path.Combine(dir.Directory, "templates");
        var template = dir.Write("templates/dotnet/Dockerfile.sbn", "one");
        var partial = dir.Write("templates/shared/part.sbn", "part");
        var file = Path.Combine(dir.Directory, "obj", RenderCache.FileName);
        var renders = 0;

        Render(file, root, template, TestPlans.DotNet, ref renders);
        Assert.That(Render(file, root, template, TestPlans.DotNet, ref renders), Is.EqualTo("rendered one for test"));
        Assert.That(renders, Is.EqualTo(1), "an unchanged render ran again");

        Assert.That(Render(file, root, template, TestPlans.DotNet with { Variant = "other" }, ref renders), Is.EqualTo("rendered one for other"));
        Assert.That(Render(file, root, template, TestPlans.DotNet with { App = new DotNetApp("b.csproj", "b", "Release", "net10.0") }, ref renders), Does.EndWith("for test"));
        Assert.That(renders, Is.EqualTo(3), "a changed plan (a member of the stack's own part too) reused the old text");

        File.WriteAllText(template, "two");
        Assert.That(Render(file, root, template, TestPlans.DotNet, ref renders), Is.EqualTo("rendered two for test"));
        File.WriteAllText(partial, "PART");
        Render(file, root, template, TestPlans.DotNet, ref renders);
        Assert.That(renders, Is.EqualTo(5), "a changed template or partial reused the old text");
    }

    [Test]
    public void A_missing_or_broken_cache_file_renders()
    {
        using var dir = new TempProject();
        var template = dir.Write("templates/Dockerfile.sbn", "one");
        var file = dir.Write("obj/" + RenderCache.FileName, "{ not json");
        var renders = 0;

        Render(file, Path.GetDirectoryName(template)!, template, TestPlans.DotNet, ref renders);
        File.Delete(file);
        Render(file, Path.GetDirectoryName(template)!, template, TestPlans.DotNet, ref renders);

        Assert.That(renders, Is.EqualTo(2));
    }

    [Test]
    public void A_users_template_edited_between_publishes_reaches_the_Dockerfile()
    {
        using var project = new TempProject();
        var template = project.Write("docker/My.sbn", "FROM {{ plan.runtime_image }}\n# one\n");
        var facts = new ProjectFacts { ProjectFile = project.ProjectFile, AssemblyName = "MyApp", TargetFramework = "net10.0" };
        var output = Path.Combine(project.Directory, "obj", "multistage");
        string Publish() => File.ReadAllText(DockerfileOutput.Write(facts, new ContainerOptions(), "auto", new DockerfileSource(Templates.Directory, Template: template), output).DockerfilePath);

        Assert.That(Publish(), Does.Contain("# one"));
        File.WriteAllText(template, "FROM {{ plan.runtime_image }}\n# two\n");

        Assert.That(Publish(), Does.Contain("# two").And.Not.Contain("# one"));
        Assert.That(File.Exists(Path.Combine(output, RenderCache.FileName)), Is.True);
    }
}
