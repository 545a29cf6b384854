using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Stacks;

public class ValidationTests
{
    private static string CodeOf(TestDelegate action) => Assert.Throws<MultiStageException>(action)!.Diagnostic.Code;

    [TestCase("myapp", null, null, "myapp:latest")]
    [TestCase("myapp", "1.2.3", null, "myapp:1.2.3")]
    [TestCase("team/my-app", "v1", "a;b", "team/my-app:a")]
    [TestCase("localhost:5000/my_app", "", null, "localhost:5000/my_app:latest")]
    public void Image_names_default_to_latest_and_tags_win_over_tag(string repository, string? tag, string? tags, string first)
    {
        var names = ImageNames.Resolve(repository, tag, tags?.Split(';'));
        Assert.That(names[0], Is.EqualTo(first));
    }

    [TestCase("MyApp")]
    [TestCase("my app")]
    [TestCase("-app")]
    [TestCase("app-")]
    [TestCase("a//b")]
    [TestCase("")]
    public void An_invalid_repository_is_MSTAGE1001(string repository) =>
        Assert.That(CodeOf(() => ImageNames.Resolve(repository, null, null)), Is.EqualTo("MSTAGE1001"));

    [TestCase(".hidden")]
    [TestCase("-dash")]
    [TestCase("has space")]
    [TestCase("a:b")]
    public void An_invalid_tag_is_MSTAGE1002(string tag) =>
        Assert.That(CodeOf(() => ImageNames.Resolve("myapp", tag, null)), Is.EqualTo("MSTAGE1002"));

    [Test]
    public void A_tag_of_129_characters_is_refused() =>
        Assert.That(CodeOf(() => ImageNames.Resolve("myapp", new string('a', 129), null)), Is.EqualTo("MSTAGE1002"));

    [Test]
    public void Messages_say_what_to_do()
    {
        var e = Assert.Throws<MultiStageException>(() => ImageNames.Resolve("My App", null, null))!;
        Assert.That(e.Diagnostic.Message, Does.Contain("ContainerRepository").And.Contain("'My App'"));
    }

    [TestCase("net472")]
    [TestCase("netcoreapp3.1")]
    [TestCase("netstandard2.0")]
    public void A_framework_without_container_images_is_MSTAGE1006(string tfm) =>
        Assert.That(CodeOf(() => DotNetStack.ImageTagFor(tfm, "a.csproj")), Is.EqualTo("MSTAGE1006"));

    [TestCase("")]
    [TestCase("net8.0;net10.0")]
    public void No_single_framework_is_MSTAGE1005(string tfm) =>
        Assert.That(CodeOf(() => DotNetStack.ImageTagFor(tfm, "a.csproj")), Is.EqualTo("MSTAGE1005"));

    [TestCase("0", null)]
    [TestCase("70000", null)]
    [TestCase("http", null)]
    [TestCase("80", "sctp")]
    public void A_bad_port_is_MSTAGE1008(string number, string? type) =>
        Assert.That(CodeOf(() => ContainerPort.Parse(number, type)), Is.EqualTo("MSTAGE1008"));

    [Test]
    public void A_port_reads_its_protocol() =>
        Assert.That(ContainerPort.Parse("53", "UDP").Spec, Is.EqualTo("53/udp"));

    [Test]
    public void A_bad_base_image_is_MSTAGE1007_before_anything_renders()
    {
        using var project = new TempProject();
        var facts = new ProjectFacts { ProjectFile = project.ProjectFile, ContextDirectory = project.Directory, AssemblyName = "MyApp", TargetFramework = "net10.0" };
        Assert.That(CodeOf(() => new DotNetStack().Plan(facts, new ContainerOptions { BaseImage = "Not An Image" })), Is.EqualTo("MSTAGE1007"));
    }

    [Test]
    public void An_unknown_stack_is_MSTAGE1003_and_lists_the_known_ones()
    {
        using var project = new TempProject();
        var facts = new ProjectFacts { ProjectFile = project.ProjectFile, ContextDirectory = project.Directory };
        var e = Assert.Throws<MultiStageException>(() => StackCatalog.Resolve("cobol", facts))!;
        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE1003"));
        Assert.That(e.Diagnostic.Message, Does.Contain("dotnet"));
    }

    [Test]
    public void A_csproj_is_detected_as_dotnet()
    {
        using var project = new TempProject();
        var facts = new ProjectFacts { ProjectFile = project.ProjectFile, ContextDirectory = project.Directory };
        Assert.That(StackCatalog.Resolve("auto", facts).Name, Is.EqualTo("dotnet"));
    }
}
