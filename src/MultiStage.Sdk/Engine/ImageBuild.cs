using System.IO.Pipelines;
using Docker.DotNet.Models;
using MultiStage.Sdk.Context;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// Builds a rendered Dockerfile on the engine with BuildKit or the classic builder: the context is streamed as
/// it is written, steps run on the engine's default network unless another is asked for, intermediate
/// containers are removed even when a step fails, and an error in the stream fails the build at
/// the Dockerfile line of its step.
/// </summary>
public static class ImageBuild
{
    /// <summary>Runs the build and returns the image it produced.</summary>
    public static async Task<BuildResult> RunAsync(DockerEngine engine, BuildRequest request, IBuildLog log, CancellationToken cancellationToken)
    {
        var dockerfile = await File.ReadAllTextAsync(request.DockerfilePath, cancellationToken).ConfigureAwait(false);
        var buildKit = request.Builder == Builders.BuildKit;
        var ignore = request.ReadDockerIgnore();
        var injected = request.ReadInjectedFiles();

        var parameters = new ImageBuildParameters
        {
            Dockerfile = request.DockerfileInContext ?? ContextLayout.Dockerfile,
            Tags = [.. request.Tags],
            NetworkMode = request.Network,
            Remove = true,
            ForceRemove = true,
            Target = string.IsNullOrEmpty(request.Target) ? null : request.Target,
            BuildArgs = request.BuildArgs.ToDictionary(p => p.Key, p => p.Value),
            Version = buildKit ? "2" : "1",
        };

        var steps = DockerfileSteps.Parse(dockerfile, request.Target);
        var paths = request.BuilderSourceRoot is { } root && request.ContextDirectory is { } directory ? new BuilderPaths(root, directory) : null;
        if (buildKit)
        {
            // Without a session, the engine's BuildKit cannot ask for registry credentials: what is missing is pulled first.
            await BaseImagePull.PullMissingAsync(engine, request.DockerfilePath, steps, log, cancellationToken).ConfigureAwait(false);
        }

        var classic = buildKit ? null : new BuildProgress(log, paths, engine.Kind, steps);
        var buildKitProgress = buildKit ? new BuildKitProgress(log, paths, steps) : null;
        IBuildFollower progress = (IBuildFollower?)classic ?? buildKitProgress!;
        var pipe = new Pipe();
        using var stopPacking = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var packing = PackAsync(pipe.Writer, request.ContextDirectory, ignore, injected, request.HostFiles, log, stopPacking.Token);
        try
        {
            var build = classic is not null
                ? engine.Client.Images.BuildImageFromDockerfileAsync(parameters, pipe.Reader.AsStream(), [], new Dictionary<string, string>(), classic, cancellationToken)
                : BuildKitStream.RunAsync(engine, parameters, pipe.Reader.AsStream(), buildKitProgress!, cancellationToken);
            await build.ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await StopAsync(pipe.Reader, stopPacking, packing).ConfigureAwait(false);

            // A context that could not be read breaks the upload: report the file, not the broken connection.
            if (packing.Exception?.InnerException is MultiStageException contextError)
            {
                throw contextError;
            }

            if (DockerEngine.IsConnectionFailure(e) && progress.Error is null)
            {
                throw new MultiStageException(Diagnostics.EngineLostDuringBuild(engine.Endpoint, DockerEngine.Describe(e, engine.Client.Options.Endpoint)), e);
            }

            throw;
        }
        finally
        {
            progress.Complete();
            await StopAsync(pipe.Reader, stopPacking, packing).ConfigureAwait(false);
        }

        if (progress.Error is { } error)
        {
            // The step's output went to the detailed log; a failure is when a user needs it at any verbosity.
            foreach (var line in progress.StepOutput)
            {
                log.Summary(line);
            }

            throw new MultiStageException(FailureAt(request, steps, progress, error));
        }

        var imageId = progress.ImageId ?? throw new MultiStageException(Diagnostics.BuildProducedNoImage(request.DockerfilePath));
        return new BuildResult(imageId, progress.Stages, progress.CachedSteps, await packing.ConfigureAwait(false));
    }

    private static async Task<ContextStats> PackAsync(
        PipeWriter writer, string? directory, DockerIgnore ignore, IReadOnlyDictionary<string, byte[]> injected, IReadOnlyList<ContextFile> hostFiles, IBuildLog log, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var stats = await ContextArchive.WriteAsync(writer.AsStream(leaveOpen: true), directory, ignore, injected, hostFiles, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
            var from = directory is null ? "" : $" from {directory}"; // else the injected and host files alone
            log.Summary($"Build context: {stats.Files} files, {ByteSize.Format(stats.Bytes)}{from}");
            return stats;
        }
        catch (Exception e) when (directory is not null && e is IOException or UnauthorizedAccessException)
        {
            var error = new MultiStageException(Diagnostics.ContextUnreadable(directory, e.Message), e);
            await writer.CompleteAsync(error).ConfigureAwait(false);
            throw error;
        }
        catch (Exception e)
        {
            await writer.CompleteAsync(e).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The engine has read what it will read: release the writer, stop the walk, and wait for it to end.</summary>
    private static async Task StopAsync(PipeReader reader, CancellationTokenSource stopPacking, Task packing)
    {
        await reader.CompleteAsync().ConfigureAwait(false);
        if (!packing.IsCompleted)
        {
            stopPacking.Cancel();
        }

        await packing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
    }

    /// <summary>The error at the failing step's line: the coded one a template's check printed in that step, else the engine's.</summary>
    private static Diagnostic FailureAt(BuildRequest request, IReadOnlyList<DockerfileStep> steps, IBuildFollower progress, string error)
    {
        var step = steps.FirstOrDefault(s => s.Number == progress.CurrentStep);
        if (step is null)
        {
            return Diagnostics.BuildFailed(request.DockerfilePath, error);
        }

        if (progress.Reported is { } reported && reported.Step == step.Number)
        {
            return new Diagnostic(reported.Code, reported.Message, request.DockerfilePath, step.Line);
        }

        // A FROM fails when its image is neither on the engine nor pullable (an earlier stage's name never fails).
        return step.BaseImage is { } image
            ? Diagnostics.BaseImageUnavailable(request.DockerfilePath, step.Line, image, error)
            : Diagnostics.BuildStepFailed(request.DockerfilePath, step.Line, step.Text, error, printedOutput: progress.StepOutput.Count > 0);
    }
}
