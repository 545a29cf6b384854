using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiStage.Sdk.Reporting;

/// <summary>
/// <c>report.json</c>, written beside the rendered Dockerfile for scripts and CI to read: a
/// <see cref="SizeReport"/> in camelCase after a <c>schemaVersion</c>. The package's
/// <c>build/report.schema.json</c> describes it; every property is always written, null when unknown.
/// </summary>
public static class ReportFile
{
    /// <summary>The file's name.</summary>
    public const string FileName = "report.json";

    /// <summary>The version of the file's layout; raised when a property changes meaning or goes away.</summary>
    public const int SchemaVersion = 1;

    // A file for people and scripts, never embedded in HTML: instructions keep their quotes and '+' as written, not \u0022.
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="report"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, SizeReport report)
    {
        var body = JsonSerializer.SerializeToNode(report, Options)!.AsObject();
        var document = new JsonObject { ["schemaVersion"] = SchemaVersion };
        foreach (var (name, value) in body.ToList())
        {
            body.Remove(name);
            document[name] = value;
        }

        File.WriteAllText(path, document.ToJsonString(Options) + "\n");
    }

    /// <summary>
    /// Reads a report <see cref="Write"/> wrote, or returns null when there is none to trust: no file, not a
    /// report, or one of another <see cref="SchemaVersion"/> (written by another version of the package).
    /// </summary>
    public static SizeReport? Read(string path)
    {
        try
        {
            var document = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
            if (document?["schemaVersion"] is not JsonValue version || !version.TryGetValue<int>(out var v) || v != SchemaVersion)
            {
                return null;
            }

            return document.Deserialize<SizeReport>(Options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
