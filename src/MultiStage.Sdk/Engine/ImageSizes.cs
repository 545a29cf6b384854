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
            // BuildKit keeps a stage in its cache, not as an image: such a stage is measured by the image it starts from.
            if ((stage.ImageId ?? await BaseImageIdAsync(engine, stage, result.Stages, cancellationToken).ConfigureAwait(false)) is not { } id)
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
    /// The stage's base image: the id Docker's classic builder printed after FROM. Podman and BuildKit print none, so the
    /// FROM line's name is looked up: an earlier stage's image (for BuildKit, what that stage starts from), or one the
    /// engine resolves (none: scratch, or a name left to a build argument).
    /// </summary>
    private static async Task<string?> BaseImageIdAsync(DockerEngine engine, BuildStage stage, IReadOnlyList<BuildStage> stages, CancellationToken cancellationToken)
    {
        if (stage.BaseImageId is not null || stage.From.Equals("scratch", StringComparison.OrdinalIgnoreCase) || stage.From.Contains('$', StringComparison.Ordinal) && engine.Kind != EngineKind.Podman)
        {
            return stage.BaseImageId;
        }

        var earlier = stages.TakeWhile(s => s != stage).LastOrDefault(s => s.Name.Equals(stage.From, StringComparison.OrdinalIgnoreCase));
        if (earlier is not null)
        {
            return earlier.ImageId ?? await BaseImageIdAsync(engine, earlier, stages, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return (await engine.Client.Images.InspectImageAsync(stage.From, cancellationToken).ConfigureAwait(false)).ID;
        }
        catch (Docker.DotNet.DockerImageNotFoundException)
        {
            return null;
        }
    }

    // A FROM line that uses a build argument ($BASE) names no image: the engine's tag for it does.
    private static string BaseName(BuildStage stage, IList<string>? repoTags) =>
        stage.From.Contains('$', StringComparison.Ordinal) && repoTags is { Count: > 0 } ? repoTags[0] : stage.From;
}
