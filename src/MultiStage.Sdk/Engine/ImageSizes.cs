using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>Measures a built image and its builder stage with the engine's own figures (image inspect's Size).</summary>
public static class ImageSizes
{
    /// <summary>
    /// Returns the size report for <paramref name="result"/>. The builder stage is the largest stage
    /// other than the final one: the one whose toolchain the multi-stage build leaves out.
    /// </summary>
    public static async Task<SizeReport> MeasureAsync(DockerEngine engine, string projectName, string reference, BuildResult result, CancellationToken cancellationToken)
    {
        var final = await engine.Client.Images.InspectImageAsync(result.ImageId, cancellationToken).ConfigureAwait(false);
        long? builder = null;
        string? builderStage = null;
        foreach (var (stage, id) in result.StageImages)
        {
            if (final.ID.StartsWith($"sha256:{id}", StringComparison.Ordinal) || final.ID == id)
            {
                continue;
            }

            var size = (await engine.Client.Images.InspectImageAsync(id, cancellationToken).ConfigureAwait(false)).Size;
            if (size > (builder ?? -1))
            {
                (builder, builderStage) = (size, stage);
            }
        }

        return new SizeReport(projectName, reference, final.ID, final.Size, builderStage, builder);
    }
}
