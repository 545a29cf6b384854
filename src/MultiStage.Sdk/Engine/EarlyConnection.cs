using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// A connection to the engine started while the .NET SDK is still compiling the app, on a thread of its own: by the time
/// the render asks which builder the engine offers, the answer is there, and the one-time start-up work of the first
/// request (loading and compiling the engine client's code, about 0.1 s in a fresh process) is behind the build instead
/// of in its path. With a last build recorded, it also asks the engine about that build's image, as the up-to-date check
/// will (and reads the state and the report it reads), so that check's first request is not a cold one either. A
/// connection that fails is not reported here: the render falls back as with no engine, and the image build reports the
/// engine in its own words.
/// </summary>
public sealed class EarlyConnection : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly Task<EngineFacts?> _facts;

    private EarlyConnection(string? dockerHost, string? statePath, string? reportPath)
    {
        DockerHost = dockerHost;
        _facts = Task.Run(() => ConnectAsync(dockerHost, statePath, reportPath, _cancel.Token));
    }

    /// <summary>Gets the MultiStageDockerHost the connection was made for (null: found as the docker CLI finds it).</summary>
    public string? DockerHost { get; }

    /// <summary>Starts connecting to the engine of <paramref name="dockerHost"/> in the background.</summary>
    /// <param name="dockerHost">MultiStageDockerHost, or null.</param>
    /// <param name="statePath">The project's build-state.json, or null (no incremental build).</param>
    /// <param name="reportPath">The project's report.json, or null.</param>
    public static EarlyConnection Start(string? dockerHost, string? statePath = null, string? reportPath = null) => new(dockerHost, statePath, reportPath);

    /// <summary>The key a build keeps the connection under, one per engine address setting.</summary>
    public static string KeyFor(string? dockerHost) => $"MultiStage.Sdk.EarlyConnection:{dockerHost}";

    /// <summary>Waits for the engine's answer: what it is, or null when it did not answer.</summary>
    public Task<EngineFacts?> FactsAsync(CancellationToken cancellationToken) => _facts.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _cancel.Cancel();
        _cancel.Dispose();
    }

    private static async Task<EngineFacts?> ConnectAsync(string? dockerHost, string? statePath, string? reportPath, CancellationToken cancellationToken)
    {
        try
        {
            using var engine = await DockerEngine.ConnectAsync(dockerHost, cancellationToken).ConfigureAwait(false);
            var facts = EngineFacts.Of(engine);
            if (statePath is not null && BuildState.Read(statePath) is { } last)
            {
                _ = reportPath is null ? null : Reporting.ReportFile.Read(reportPath);
                _ = await last.IsOnEngineAsync(engine, [last.ImageId], cancellationToken).ConfigureAwait(false);
            }

            return facts;
        }
        catch (Exception)
        {
            // Nothing a background connection meets is its to report: the render and the image build meet it again.
            return null;
        }
    }
}

/// <summary>What an engine said of itself, as far as choosing a builder needs it.</summary>
/// <param name="Kind">Docker or Podman.</param>
/// <param name="ApiVersion">The Engine API version it speaks.</param>
/// <param name="Os">The operating system of its containers.</param>
public sealed record EngineFacts(EngineKind Kind, string ApiVersion, string Os)
{
    /// <summary>What a connected engine said of itself.</summary>
    internal static EngineFacts Of(DockerEngine engine) => new(engine.Kind, engine.ApiVersion, engine.Os);

    /// <summary>Connects and asks the engine what it is; null when it does not answer (the image build reports that in its own words).</summary>
    public static async Task<EngineFacts?> AskAsync(string? dockerHost, CancellationToken cancellationToken)
    {
        try
        {
            using var engine = await DockerEngine.ConnectAsync(dockerHost, cancellationToken).ConfigureAwait(false);
            return Of(engine);
        }
        catch (MultiStageException)
        {
            return null;
        }
    }
}
