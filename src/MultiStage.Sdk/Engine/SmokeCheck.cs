using Docker.DotNet;
using Docker.DotNet.Models;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// MultiStageSmokeTest: starts the built image for a few seconds and fails the build when the app exits
/// first with an error (a start command that cannot run, a missing module), showing its last log lines.
/// The container is always removed, whatever happens, Ctrl+C included.
/// </summary>
/// <remarks>
/// The container gets a network of its own with nothing but loopback (<c>none</c>) unless <c>host</c> is
/// asked for: the app listens on its usual port without taking it from the machine, where the user's own
/// copy of the app (or a second check run in parallel) may hold it, and reaches nothing of the machine's.
/// </remarks>
public static class SmokeCheck
{
    /// <summary>How long the app must stay up, unless MultiStageSmokeTestSeconds says otherwise.</summary>
    public const int DefaultSeconds = 3;

    private const int LogLines = 20;

    /// <summary>Runs <paramref name="imageId"/> for <paramref name="seconds"/>; throws MSTAGE4007 when it exits with an error first, MSTAGE4008 when it cannot be started.</summary>
    public static async Task RunAsync(DockerEngine engine, string imageId, string imageName, int seconds, string network, IBuildLog log, CancellationToken cancellationToken)
    {
        log.Progress($"Smoke check: running {imageName} for {seconds} s ({network} network).");
        string id;
        try
        {
            id = (await engine.Client.Containers.CreateContainerAsync(
                new CreateContainerParameters { Image = imageId, HostConfig = new HostConfig { NetworkMode = network } }, cancellationToken).ConfigureAwait(false)).ID;
        }
        catch (DockerApiException e)
        {
            throw new MultiStageException(Diagnostics.SmokeTestFailed(imageName, (e.ResponseBody ?? e.Message).Trim()));
        }

        try
        {
            var (exited, exitCode, after) = await RunForAsync(engine, id, imageName, seconds, cancellationToken).ConfigureAwait(false);
            if (!exited)
            {
                log.Summary($"Smoke check: {imageName} is still running after {seconds} s.");
            }
            else if (exitCode == 0)
            {
                log.Summary($"Smoke check: {imageName} exited with code 0 after {after:0.0} s, as a one-shot job does (a server would still be running).");
            }
            else
            {
                var tail = await LogTailAsync(engine, id, cancellationToken).ConfigureAwait(false);
                throw new MultiStageException(Diagnostics.SmokeTestExited(imageName, exitCode, after, seconds, tail));
            }
        }
        finally
        {
            // Never left behind, even when the build is being cancelled.
            await RemoveAsync(engine, id).ConfigureAwait(false);
        }
    }

    private static async Task<(bool Exited, long ExitCode, double After)> RunForAsync(DockerEngine engine, string id, string imageName, int seconds, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await engine.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            // An entry point that does not exist in the image fails here, at start, rather than as an exit.
            throw new MultiStageException(Diagnostics.SmokeTestFailed(imageName, (e.ResponseBody ?? e.Message).Trim()));
        }

        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            var wait = await engine.Client.Containers.WaitContainerAsync(id, window.Token).ConfigureAwait(false);
            return (true, wait.StatusCode, started.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, 0, started.Elapsed.TotalSeconds);
        }
    }

    private static async Task<string> LogTailAsync(DockerEngine engine, string id, CancellationToken cancellationToken)
    {
        var parameters = new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = LogLines.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        using var stream = await engine.Client.Containers.GetContainerLogsAsync(id, parameters, cancellationToken).ConfigureAwait(false);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
        var lines = (stdout + stderr).Split('\n').Select(TerminalText.Plain).Where(l => l.Trim().Length > 0);
        return string.Join(Environment.NewLine, lines.TakeLast(LogLines).Select(l => "  " + l));
    }

    private static async Task RemoveAsync(DockerEngine engine, string id)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, timeout.Token).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }
}
