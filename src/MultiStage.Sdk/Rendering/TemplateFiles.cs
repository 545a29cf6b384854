using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace MultiStage.Sdk.Rendering;

/// <summary>
/// Resolves <c>include "shared/ports.sbn"</c> against the templates folder, so stacks share partials
/// instead of copying them. Names are relative to that folder; nothing outside it can be included.
/// </summary>
internal sealed class TemplateFiles(string root) : ITemplateLoader
{
    /// <summary>Gets the templates folder.</summary>
    public string Root { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    /// <summary>Returns the full path of a template name.</summary>
    public string PathOf(string templateName)
    {
        var full = Path.GetFullPath(Path.Combine(Root, templateName));
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : throw new ArgumentException($"'{templateName}' is outside the templates folder.");
    }

    /// <inheritdoc />
    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => PathOf(templateName);

    /// <inheritdoc />
    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => File.ReadAllText(templatePath);

    /// <inheritdoc />
    public async ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        await File.ReadAllTextAsync(templatePath).ConfigureAwait(false);
}
