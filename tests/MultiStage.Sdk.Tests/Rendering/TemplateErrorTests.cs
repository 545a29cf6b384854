using MultiStage.Sdk.Reporting;
using MultiStage.Sdk.Rendering;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Rendering;

public class TemplateErrorTests
{
    private static readonly StackPlan Plan = TestPlans.DotNet;

    [Test]
    public void A_syntax_error_is_MSTAGE2002_at_the_templates_line()
    {
        using var dir = new TempProject();
        var file = dir.Write("t/Dockerfile.sbn", "FROM x\n{{ if }\n");
        var e = Assert.Throws<MultiStageException>(() => new TemplateRenderer(dir.Directory).Render("t/Dockerfile.sbn", Plan))!;

        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE2002"));
        Assert.That((e.Diagnostic.File, e.Diagnostic.Line), Is.EqualTo((file, 2)));
    }

    [Test]
    public void An_unknown_model_member_is_an_error_not_an_empty_string()
    {
        using var dir = new TempProject();
        dir.Write("t/Dockerfile.sbn", "FROM x\nRUN {{ plan.no_such_thing }}\n");
        var e = Assert.Throws<MultiStageException>(() => new TemplateRenderer(dir.Directory).Render("t/Dockerfile.sbn", Plan))!;

        Assert.That((e.Diagnostic.Code, e.Diagnostic.Line), Is.EqualTo(("MSTAGE2002", 2)));
    }

    [Test]
    public void A_missing_template_is_MSTAGE2001()
    {
        using var dir = new TempProject();
        var e = Assert.Throws<MultiStageException>(() => new TemplateRenderer(dir.Directory).Render("nope/Dockerfile.sbn", Plan))!;
        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE2001"));
    }

    [Test]
    public void Docker_functions_quote_and_write_exec_form()
    {
        Assert.That(DockerSyntax.Quote("a \"b\" $c \\d"), Is.EqualTo("\"a \\\"b\\\" \\$c \\\\d\""));
        Assert.That(DockerSyntax.ExecForm(["dotnet", "My App.dll"]), Is.EqualTo("[\"dotnet\", \"My App.dll\"]"));
    }
}
