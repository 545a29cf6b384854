using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// The engine's two builders and how <c>MultiStageBuilder</c> picks one: <c>buildkit</c>, <c>classic</c>, or <c>auto</c>
/// (the default): BuildKit where the engine offers it — a Docker engine for Linux containers with API 1.39 or later,
/// as the docker CLI decides — and the classic builder elsewhere (Podman's compatible service, an older engine).
/// </summary>
public static class Builders
{
    /// <summary>BuildKit, through <c>POST /build?version=2</c>.</summary>
    public const string BuildKit = "buildkit";

    /// <summary>The classic builder, through <c>POST /build?version=1</c>.</summary>
    public const string Classic = "classic";

    /// <summary>The oldest Engine API whose build takes <c>version=2</c>.</summary>
    private static readonly Version BuildKitApi = new(1, 39);

    /// <summary>
    /// Resolves <paramref name="setting"/> (MultiStageBuilder). <c>auto</c> asks the engine only when
    /// <paramref name="probe"/> is set (a publish that builds), through <paramref name="early"/> when that connection was
    /// started for the same engine; without a probe (eject, render only) it is BuildKit, which <c>docker build</c> uses by
    /// default. An engine that does not answer resolves to BuildKit: the build that follows reports the unreachable engine
    /// with its own coded error.
    /// </summary>
    /// <exception cref="MultiStageException">MSTAGE1049: a value that is none of the three.</exception>
    public static async Task<string> ResolveAsync(string? setting, bool probe, string? dockerHost, EarlyConnection? early, CancellationToken cancellationToken)
    {
        if (Parse(setting) is { } chosen)
        {
            return chosen;
        }

        if (!probe)
        {
            return BuildKit;
        }

        var facts = early is not null && early.DockerHost == dockerHost
            ? await early.FactsAsync(cancellationToken).ConfigureAwait(false)
            : await EngineFacts.AskAsync(dockerHost, cancellationToken).ConfigureAwait(false);
        return facts is null ? BuildKit : Offered(facts.Kind, facts.ApiVersion, facts.Os);
    }

    /// <summary>Reads a MultiStageBuilder value: <c>buildkit</c>, <c>classic</c>, or null for <c>auto</c> (empty is auto).</summary>
    /// <exception cref="MultiStageException">MSTAGE1049: a value that is none of the three.</exception>
    public static string? Parse(string? setting) => setting?.Trim().ToLowerInvariant() switch
    {
        BuildKit => BuildKit,
        Classic => Classic,
        null or "" or "auto" => null,
        _ => throw new MultiStageException(Diagnostics.UnknownBuilder(setting)),
    };

    /// <summary>The builder <c>auto</c> picks on an engine of <paramref name="kind"/> with that API version and container OS.</summary>
    internal static string Offered(EngineKind kind, string apiVersion, string os) =>
        kind == EngineKind.Docker
        && !os.Equals("windows", StringComparison.OrdinalIgnoreCase)
        && (!Version.TryParse(apiVersion, out var api) || api >= BuildKitApi)
            ? BuildKit
            : Classic;
}
