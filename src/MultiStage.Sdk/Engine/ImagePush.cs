using Docker.DotNet;
using Docker.DotNet.Models;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// Tags a built image for a registry and pushes every tag through the Engine API; the engine talks to the
/// registry itself, with the credentials given (encoded by the library into X-Registry-Auth).
/// </summary>
public static class ImagePush
{
    /// <summary>
    /// Tags <paramref name="imageId"/> as <c><paramref name="registry"/>/reference</c> for each of
    /// <paramref name="references"/>, pushes each, and returns the registry references and the manifest digest.
    /// </summary>
    public static async Task<PushedImage> RunAsync(DockerEngine engine, string imageId, string registry, IReadOnlyList<string> references, RegistryCredentials credentials, IBuildLog log, CancellationToken cancellationToken)
    {
        var targets = references.Select(r => $"{registry}/{r}").ToList();
        foreach (var target in targets)
        {
            var (repository, tag) = Split(target);
            await CallAsync(engine, registry, target, credentials, () => engine.Client.Images.TagImageAsync(imageId, new ImageTagParameters { RepositoryName = repository, Tag = tag }, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        string? digest = null;
        foreach (var target in targets)
        {
            var (repository, tag) = Split(target);
            var progress = new PushProgress(log);
            var parameters = new ImagePushParameters { Tag = tag };
            await CallAsync(engine, registry, target, credentials, () => engine.Client.Images.PushImageAsync(repository, parameters, credentials.ToAuthConfig(registry), progress, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (progress.Error is { } error)
            {
                throw new MultiStageException(PushFailure.Classify(registry, target, credentials, error));
            }

            digest = progress.Digest ?? throw new MultiStageException(Diagnostics.PushFailed(target, "the engine ended the push without the pushed manifest's digest"));
            log.Progress($"Pushed {target}@{digest}");
        }

        return new PushedImage(registry, targets, digest!);
    }

    /// <summary>An engine call whose failure is a coded error: a refusal before the stream began is the engine's answer, not a crash.</summary>
    private static async Task CallAsync(DockerEngine engine, string registry, string target, RegistryCredentials credentials, Func<Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (DockerApiException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MultiStageException(PushFailure.Classify(registry, target, credentials, DockerEngine.Answer(e)), e);
        }
        catch (Exception e) when (DockerEngine.IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new MultiStageException(Diagnostics.EngineUnreachable(engine.Endpoint, engine.Resolved.Origin, DockerEngine.Describe(e, engine.Client.Options.Endpoint)), e);
        }
    }

    /// <summary>A reference's repository and tag: the tag follows the last ':' after the last '/'.</summary>
    internal static (string Repository, string Tag) Split(string reference)
    {
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
    }
}
