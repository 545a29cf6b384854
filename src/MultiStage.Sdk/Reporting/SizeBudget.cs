namespace MultiStage.Sdk.Reporting;

/// <summary>ContainerImageSizeLimit: a size the image must not exceed.</summary>
public static class SizeBudget
{
    /// <summary>Reads the property's value: null when it is empty (no budget); MSTAGE1021 when it is not a size.</summary>
    public static long? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return ByteSize.TryParse(value, out var bytes) ? bytes : throw new MultiStageException(Diagnostics.InvalidSizeLimit(value));
    }

    /// <summary>
    /// Returns MSTAGE5001 when <paramref name="report"/>'s image is larger than <paramref name="limit"/>, else null.
    /// An image of exactly the limit fits. The message names the three largest layers that hold files.
    /// </summary>
    public static Diagnostic? Check(SizeReport report, long? limit) =>
        limit is { } l && report.Size > l
            ? Diagnostics.ImageOverSizeLimit(report.Image, report.Size, l, report.BaseImage, report.BaseSize, [.. report.Layers.Where(x => x.Size > 0).OrderByDescending(x => x.Size).ThenBy(x => x.Index).Take(3)])
            : null;
}
