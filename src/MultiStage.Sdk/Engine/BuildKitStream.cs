using System.Text.Json;
using Docker.DotNet.Models;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// Sends a build to the engine's BuildKit (<c>POST /build?version=2</c>, the context as the request's tar body, no
/// session) and hands each JSON line of the answer to <see cref="BuildKitProgress"/>. The library's typed stream
/// cannot carry BuildKit's messages (their <c>aux</c> is a base64 string, not an object), so the lines are read here.
/// Closing the request, as cancellation does, makes the engine cancel the build.
/// </summary>
internal static class BuildKitStream
{
    public static async Task RunAsync(DockerEngine engine, ImageBuildParameters parameters, Stream context, BuildKitProgress progress, CancellationToken cancellationToken)
    {
#pragma warning disable CS0618 // The raw-stream overload: the only one that leaves the lines to the caller.
        using var answer = await engine.Client.Images.BuildImageFromDockerfileAsync(context, parameters, cancellationToken).ConfigureAwait(false);
#pragma warning restore CS0618
        using var reader = new StreamReader(answer);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            using var message = JsonDocument.Parse(line);
            progress.Report(message.RootElement);
        }
    }
}
