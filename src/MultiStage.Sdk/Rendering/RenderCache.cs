using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Rendering;

/// <summary>
/// What the last render's templates gave, kept beside the Dockerfile (<c>render-cache.json</c>) and keyed by all that a
/// render reads: this build of the package, the plan (as JSON, fields and properties), the template and every file of the
/// templates folder (path and content: a few kilobytes, read in well under a millisecond). Parsing and running a Scriban template is start-up work of about
/// 0.1 s in a fresh process; a publish whose plan did not change (no change, or an edit to the app's code) skips it.
/// </summary>
/// <param name="path">The cache file; a missing or unreadable one is an empty cache.</param>
public sealed class RenderCache(string path)
{
    /// <summary>The cache file's name beside the Dockerfile.</summary>
    public const string FileName = "render-cache.json";

    private static readonly JsonSerializerOptions PlanJson = new() { IncludeFields = true };
    private readonly Dictionary<string, Entry> _last = Load(path);
    private readonly Dictionary<string, Entry> _now = new(StringComparer.Ordinal);

    /// <summary>Returns the template's text for the plan: the kept one when its key matches, else <paramref name="render"/>'s.</summary>
    public string GetOrRender(string templatePath, string templatesRoot, StackPlan plan, Func<string> render)
    {
        var key = KeyOf(templatePath, templatesRoot, plan);
        var text = _last.TryGetValue(templatePath, out var kept) && kept.Key == key ? kept.Text : render();
        _now[templatePath] = new Entry(key, text);
        return text;
    }

    /// <summary>Writes the entries of this render (only those: a template no longer rendered is dropped) when they differ from the file's.</summary>
    public void Save()
    {
        if (_now.Count != _last.Count || _now.Any(e => !_last.TryGetValue(e.Key, out var kept) || kept != e.Value))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, JsonSerializer.Serialize(_now));
        }
    }

    /// <summary>The key of one render: the package build, the template's and the templates folder's files, the plan.</summary>
    internal static string KeyOf(string templatePath, string templatesRoot, StackPlan plan)
    {
        var key = new StringBuilder().Append(typeof(RenderCache).Assembly.ManifestModule.ModuleVersionId).Append('\n');
        var files = Directory.Exists(templatesRoot) ? Directory.EnumerateFiles(templatesRoot, "*", SearchOption.AllDirectories) : [];
        foreach (var file in files.Append(templatePath).Order(StringComparer.Ordinal))
        {
            var text = File.Exists(file) ? File.ReadAllText(file) : "";
            key.Append(file).Append(' ').Append(text.Length).Append('\n').Append(text).Append('\n');
        }

        key.Append(JsonSerializer.Serialize(plan, PlanJson));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())));
    }

    private static Dictionary<string, Entry> Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllText(path)) ?? [] : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>One template's render: its key and the text it gave.</summary>
    internal sealed record Entry(string Key, string Text);
}
