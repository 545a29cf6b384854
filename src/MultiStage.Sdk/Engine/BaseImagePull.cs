using Docker.DotNet;
using Docker.DotNet.Models;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// Pulls the base images a BuildKit build needs and the engine does not have, through the Engine API and with the
/// credentials of config.json (as a push finds them): the engine's BuildKit, driven without a session, cannot ask
/// the client for registry credentials. The classic builder pulls for itself.
/// </summary>
internal static class BaseImagePull
{
    /// <summary>Pulls each FROM image of <paramref name="steps"/> that is missing; one that cannot be pulled is MSTAGE4009 at its line.</summary>
    public static async Task PullMissingAsync(DockerEngine engine, string dockerfilePath, IReadOnlyList<DockerfileStep> steps, IBuildLog log, CancellationToken cancellationToken)
    {
        var stages = new HashSet<string>(steps.Where(s => s.Stage is not null).Select(s => s.Stage!), StringComparer.OrdinalIgnoreCase);
        foreach (var step in steps.Where(s => s.BaseImage is { Length: > 0 }))
        {
            var image = step.BaseImage!;
            // An earlier stage, scratch, or a name a build argument decides (the engine resolves it) is not pulled here.
            if (stages.Contains(image) || image.Equals("scratch", StringComparison.OrdinalIgnoreCase) || image.Contains('$', StringComparison.Ordinal))
            {
                continue;
            }

            if (await ExistsAsync(engine, image, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var registry = RegistryOf(image);
            var credentials = await CredentialLookup.FindAsync(registry, log, cancellationToken).ConfigureAwait(false);
            log.Summary($"Pulling {image} ({(credentials.IsEmpty ? "no credentials" : $"credentials from {credentials.Source}")})");
            var progress = new PullProgress();
            try
            {
                var (name, tag) = Split(image);
                await engine.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = name, Tag = tag }, credentials.ToAuthConfig(registry), progress, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new MultiStageException(Diagnostics.BaseImageUnavailable(dockerfilePath, step.Line, image, DockerEngine.Answer(e)), e);
            }

            if (progress.Error is { } error)
            {
                throw new MultiStageException(Diagnostics.BaseImageUnavailable(dockerfilePath, step.Line, image, error));
            }
        }
    }

    private static async Task<bool> ExistsAsync(DockerEngine engine, string image, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The registry an image reference names, as Docker reads it: a first part with a dot, a colon or <c>localhost</c>; else Docker Hub.</summary>
    internal static string RegistryOf(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? "" : image[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" ? first : "docker.io";
    }

    /// <summary>The repository and the tag (or digest) of a reference; no tag is <c>latest</c>, as docker pull takes it.</summary>
    internal static (string Name, string Tag) Split(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        return at >= 0 ? (image[..at], image[(at + 1)..]) : ImagePush.Split(image);
    }

    /// <summary>A pull's stream: its error, if any (the engine reports a failed pull in the stream).</summary>
    private sealed class PullProgress : IProgress<JSONMessage>
    {
        public string? Error { get; private set; }

        public void Report(JSONMessage value)
        {
            if (value.Error is { Message.Length: > 0 } error)
            {
                Error ??= error.Message.Trim();
            }
        }
    }
}
