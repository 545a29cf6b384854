using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>Measures a built image, its base image and its builder stage with the engine's own figures (image inspect's Size, image history).</summary>
public static class ImageSizes
{
    /// <summary>
    /// Returns the size report for <paramref name="result"/>. The final stage is the last one that ended
    /// with the built image; its base is the image its FROM step resolved to. The builder stage is the
    /// largest stage other than the final one: the one whose toolchain the multi-stage build leaves out.
    /// </summary>
    public static async Task<SizeReport> MeasureAsync(DockerEngine engine, string projectName, IReadOnlyList<string> tags, BuildResult result, CancellationToken cancellationToken)
    {
        var final = await engine.Client.Images.InspectImageAsync(result.ImageId, cancellationToken).ConfigureAwait(false);
        var finalStage = result.Stages.LastOrDefault(s => s.EndedWith(final.ID));
        long? builder = null;
        string? builderStage = null;
        foreach (var stage in result.Stages.Where(s => s != finalStage))
        {
            if (stage.ImageId is not { } id)
            {
                continue;
            }

            var size = (await engine.Client.Images.InspectImageAsync(id, cancellationToken).ConfigureAwait(false)).Size;
            if (size > (builder ?? -1))
            {
                (builder, builderStage) = (size, stage.Name);
            }
        }

        var baseId = finalStage is null ? null : await BaseImageIdAsync(engine, finalStage, result.Stages, cancellationToken).ConfigureAwait(false);
        var baseImage = baseId is null ? null : await engine.Client.Images.InspectImageAsync(baseId, cancellationToken).ConfigureAwait(false);

        // Without a final stage the stream did not show, every layer counts as added and the base is unknown.
        var layers = await ImageHistory.AddedLayersAsync(engine, final.ID, baseImage?.ID, cancellationToken).ConfigureAwait(false);
        return new SizeReport
        {
            Project = projectName,
            Image = tags[0],
            Tags = tags,
            ImageId = final.ID,
            Size = final.Size,
            BaseImage = finalStage is null ? null : BaseName(finalStage, baseImage?.RepoTags),
            BaseImageId = baseImage?.ID,
            BaseSize = finalStage is null ? null : (baseImage?.Size ?? 0),
            BuilderStage = builderStage,
            BuilderSize = builder,
            Layers = layers,
            CachedSteps = result.CachedSteps,
        };
    }

    /// <summary>
    /// The stage's base image: the id Docker printed after FROM. Podman prints none, but its FROM line has the build
    /// arguments expanded, so the name is the image: an earlier stage's, or one the engine resolves (none: scratch).
    /// </summary>
    private static async Task<string?> BaseImageIdAsync(DockerEngine engine, BuildStage stage, IReadOnlyList<BuildStage> stages, CancellationToken cancellationToken)
    {
        if (stage.BaseImageId is not null || engine.Kind != EngineKind.Podman || stage.From.Equals("scratch", StringComparison.OrdinalIgnoreCase))
        {
            return stage.BaseImageId;
        }

        var earlier = stages.TakeWhile(s => s != stage).LastOrDefault(s => s.Name.Equals(stage.From, StringComparison.OrdinalIgnoreCase));
        return earlier is not null
            ? earlier.ImageId
            : (await engine.Client.Images.InspectImageAsync(stage.From, cancellationToken).ConfigureAwait(false)).ID;
    }

    // A FROM line that uses a build argument ($BASE) names no image: the engine's tag for it does.
    private static string BaseName(BuildStage stage, IList<string>? repoTags) =>
        stage.From.Contains('$', StringComparison.Ordinal) && repoTags is { Count: > 0 } ? repoTags[0] : stage.From;
}
