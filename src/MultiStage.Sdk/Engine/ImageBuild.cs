using System.IO.Pipelines;
using Docker.DotNet.Models;
using MultiStage.Sdk.Context;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// Builds a rendered Dockerfile on the engine with the classic builder: the context is streamed as
/// it is written, every step runs on the host network (no bridge is assumed), intermediate
/// containers are removed even when a step fails, and an error in the stream fails the build at
/// the Dockerfile line of its step.
/// </summary>
public static class ImageBuild
{
    /// <summary>Runs the build and returns the image it produced.</summary>
    public static async Task<BuildResult> RunAsync(DockerEngine engine, BuildRequest request, IBuildLog log, CancellationToken cancellationToken)
    {
        var dockerfile = await File.ReadAllTextAsync(request.DockerfilePath, cancellationToken).ConfigureAwait(false);
        var ignore = DockerIgnore.Parse(await File.ReadAllTextAsync(request.DockerIgnorePath, cancellationToken).ConfigureAwait(false), request.DockerIgnorePath);
        var injected = ContextLayout.InjectedFiles(request.DockerfilePath, request.DockerIgnorePath, request.ToolPackage);

        var parameters = new ImageBuildParameters
        {
            Dockerfile = ContextLayout.Dockerfile,
            Tags = [.. request.Tags],
            NetworkMode = "host",
            Remove = true,
            ForceRemove = true,
            Target = string.IsNullOrEmpty(request.Target) ? null : request.Target,
            BuildArgs = request.BuildArgs.ToDictionary(p => p.Key, p => p.Value),
            Version = "1",
        };

        var progress = new BuildProgress(log);
        var pipe = new Pipe();
        var packing = PackAsync(pipe.Writer, request.ContextDirectory, ignore, injected, cancellationToken);
        try
        {
            await engine.Client.Images.BuildImageFromDockerfileAsync(parameters, pipe.Reader.AsStream(), [], new Dictionary<string, string>(), progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (DockerEngine.IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested && progress.Error is null)
        {
            throw new MultiStageException(Diagnostics.EngineLostDuringBuild(engine.Endpoint, DockerEngine.Describe(e, engine.Client.Options.Endpoint)), e);
        }
        finally
        {
            progress.Complete();
        }

        var context = await packing.ConfigureAwait(false);
        log.Summary($"Build context: {context.Files} files, {ByteSize.Format(context.Bytes)} from {request.ContextDirectory}");
        if (progress.Error is { } error)
        {
            throw new MultiStageException(FailureAt(request, dockerfile, progress.CurrentStep, error));
        }

        var imageId = progress.ImageId ?? throw new MultiStageException(Diagnostics.BuildProducedNoImage(request.DockerfilePath));
        return new BuildResult(imageId, progress.StageImages, progress.CachedSteps, context);
    }

    private static async Task<ContextStats> PackAsync(PipeWriter writer, string directory, DockerIgnore ignore, IReadOnlyDictionary<string, byte[]> injected, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var stats = await ContextArchive.WriteAsync(writer.AsStream(leaveOpen: true), directory, ignore, injected, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
            return stats;
        }
        catch (Exception e)
        {
            await writer.CompleteAsync(e).ConfigureAwait(false);
            throw;
        }
    }

    private static Diagnostic FailureAt(BuildRequest request, string dockerfile, int stepNumber, string error)
    {
        var step = DockerfileSteps.Parse(dockerfile, request.Target).FirstOrDefault(s => s.Number == stepNumber);
        return step is null
            ? Diagnostics.BuildFailed(request.DockerfilePath, error)
            : Diagnostics.BuildStepFailed(request.DockerfilePath, step.Line, step.Text, error);
    }
}
