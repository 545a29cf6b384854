using MultiStage.Sdk.Reporting;
using MultiStage.Sdk.Stacks;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace MultiStage.Sdk.Rendering;

/// <summary>
/// Renders a stack's templates (<c>&lt;stack&gt;/Dockerfile.sbn</c> and <c>&lt;stack&gt;/dockerignore.sbn</c>)
/// with a <see cref="StackPlan"/> as the model. Model members are snake_case in templates
/// (<c>plan.runtime_image</c>, <c>plan.app.project_file</c>); an unknown name is an error, not an empty string.
/// </summary>
/// <param name="templatesDirectory">The package's templates folder.</param>
/// <param name="cache">The last render's texts, reused while nothing a render reads has changed; null renders every time.</param>
public sealed class TemplateRenderer(string templatesDirectory, RenderCache? cache = null)
{
    private readonly TemplateFiles _files = new(templatesDirectory);

    /// <summary>Renders the Dockerfile of <paramref name="plan"/>'s stack, or the user's own template (MultiStageTemplate) with the same model.</summary>
    /// <remarks>A user's template includes the package's partials by the same names (<c>include "shared/entrypoint.sbn"</c>).</remarks>
    public string RenderDockerfile(StackPlan plan, string? userTemplate = null) =>
        userTemplate is null ? Render($"{plan.Stack}/Dockerfile.sbn", plan) : RenderFile(Path.GetFullPath(userTemplate), plan);

    /// <summary>Renders the default .dockerignore of <paramref name="plan"/>'s stack.</summary>
    public string RenderDockerIgnore(StackPlan plan) => Render($"{plan.Stack}/dockerignore.sbn", plan);

    /// <summary>Renders one template of the package's folder with the plan as <c>plan</c>.</summary>
    public string Render(string templateName, StackPlan plan) => RenderFile(_files.PathOf(templateName), plan);

    private string RenderFile(string path, StackPlan plan)
    {
        if (!File.Exists(path))
        {
            throw new MultiStageException(Diagnostics.TemplateNotFound(path));
        }

        return cache is null ? RenderNow(path, plan) : cache.GetOrRender(path, _files.Root, plan, () => RenderNow(path, plan));
    }

    private string RenderNow(string path, StackPlan plan)
    {
        var template = Template.Parse(File.ReadAllText(path), path);
        if (template.HasErrors)
        {
            var error = template.Messages.First(m => m.Type == ParserMessageType.Error);
            throw TemplateError(error.Span, error.Message);
        }

        var model = new ScriptObject();
        model.Import(new { plan }, renamer: StandardMemberRenamer.Default);
        model.SetValue("docker", DockerSyntax.Functions, readOnly: true);
        var context = new TemplateContext
        {
            TemplateLoader = _files,
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            MemberRenamer = StandardMemberRenamer.Default,
            LoopLimit = 10_000,
        };
        context.PushGlobal(model);

        try
        {
            return Normalize(template.Render(context));
        }
        catch (ScriptRuntimeException e)
        {
            throw TemplateError(e.Span, e.OriginalMessage);
        }
    }

    private static MultiStageException TemplateError(SourceSpan span, string message) =>
        new(Diagnostics.TemplateError(span.FileName, span.Start.Line + 1, span.Start.Column + 1, message));

    /// <summary>Unix line endings, no run of blank lines, one final newline: the file reads as if written by hand.</summary>
    private static string Normalize(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd());
        var kept = new List<string>();
        foreach (var line in lines)
        {
            if (line.Length == 0 && (kept.Count == 0 || kept[^1].Length == 0))
            {
                continue;
            }

            kept.Add(line);
        }

        return string.Join('\n', kept).TrimEnd('\n') + "\n";
    }
}
