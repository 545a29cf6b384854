using System.Text.Json;
using System.Text.RegularExpressions;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// Reading the manifest a stack is detected by (package.json, composer.json, go.mod): a missing
/// file or a file that does not parse is a coded error naming it, never an exception.
/// </summary>
internal static partial class AppManifest
{
    /// <summary>Returns the path of <paramref name="file"/> in the project folder; throws MSTAGE1013 when it is not there.</summary>
    public static string Require(ProjectFacts facts, string stack, string file)
    {
        var path = Path.Combine(facts.ProjectDirectory, file);
        return File.Exists(path) ? path : throw new MultiStageException(Diagnostics.ManifestMissing(stack, file, facts.ProjectDirectory));
    }

    /// <summary>Parses a JSON manifest; throws MSTAGE1018 at the line of a syntax error.</summary>
    public static JsonDocument ReadJson(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new MultiStageException(Diagnostics.ManifestInvalid(path, (int)(e.LineNumber ?? 0) + 1, e.Message.Split(" Path:")[0]), e);
        }
    }

    /// <summary>Parses a JSON file that is only a hint (a lockfile, an installed package's manifest): null when it is missing or does not parse.</summary>
    public static JsonDocument? TryReadJson(string path)
    {
        try
        {
            return File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Returns a string property at <paramref name="path"/> (for example <c>scripts</c>, <c>build</c>), or null.</summary>
    public static string? String(JsonElement root, params string[] path)
    {
        var current = root;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.String ? current.GetString() : null;
    }

    /// <summary>The first version in a constraint (<c>^8.2</c> → 8.2, <c>&gt;=18</c> → 18, <c>20.x</c> → 20), as <paramref name="parts"/> numbers.</summary>
    public static string? FirstVersion(string? constraint, int parts)
    {
        var match = constraint is null ? Match.Empty : VersionPattern().Match(constraint);
        if (!match.Success)
        {
            return null;
        }

        var numbers = match.Value.Split('.');
        return numbers.Length >= parts ? string.Join('.', numbers.Take(parts)) : null;
    }

    [GeneratedRegex(@"\d+(\.\d+)*", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
