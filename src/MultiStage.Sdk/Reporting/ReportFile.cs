using System.Text.Json;

namespace MultiStage.Sdk.Reporting;

/// <summary>The JSON report written beside the rendered Dockerfile, for scripts and CI to read.</summary>
public static class ReportFile
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes <paramref name="report"/> with the image's tags to <paramref name="path"/>.</summary>
    public static void Write(string path, SizeReport report, IReadOnlyList<string> tags, IReadOnlyList<int> cachedSteps)
    {
        var document = new
        {
            image = report.Reference,
            tags,
            imageId = report.ImageId,
            size = report.Size,
            builderStage = report.BuilderStage,
            builderSize = report.BuilderSize,
            percentSmaller = report.PercentSmaller,
            cachedSteps,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, Options) + "\n");
    }
}
