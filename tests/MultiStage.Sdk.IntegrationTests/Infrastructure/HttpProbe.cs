using System.Net;
using Docker.DotNet;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>The first answer of a container over HTTP, with the container's output to explain a failure.</summary>
internal sealed record HttpAnswer(HttpStatusCode? Status, string Body, string Logs);

/// <summary>Runs an image on the host network and asks it for a page over loopback, as <c>curl</c> would.</summary>
internal static class HttpProbe
{
    /// <summary>
    /// Starts <paramref name="reference"/> at a free loopback port, passed in the environment that
    /// <paramref name="environment"/> makes of it, and GETs <paramref name="path"/> until an answer comes
    /// (30 s at most, less if the container stops); the container is removed after. <paramref name="engine"/>: another
    /// engine than the default one to run it on.
    /// </summary>
    public static async Task<HttpAnswer> GetAsync(string reference, Func<int, IList<string>> environment, string path = "/", DockerClient? engine = null)
    {
        var port = Engine.FreeLoopbackPort();
        await using var container = await Engine.StartAsync(reference, environment(port), engine);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 60; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
                var body = await response.Content.ReadAsStringAsync();
                return new HttpAnswer(response.StatusCode, body, await Engine.LogsAsync(container.Id, engine));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                if (!await Engine.IsRunningAsync(container.Id, engine))
                {
                    break;
                }

                await Task.Delay(500);
            }
        }

        return new HttpAnswer(null, "", $"no answer on 127.0.0.1:{port}{path}; the container's output:\n{await Engine.LogsAsync(container.Id, engine)}");
    }
}
