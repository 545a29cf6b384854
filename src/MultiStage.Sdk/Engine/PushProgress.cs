using Docker.DotNet.Models;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// Reads the engine's push stream: layer statuses go to the detailed log, the first error is kept (a push
/// fails in the stream, not with an exception), and the final <c>aux</c> gives the pushed manifest's digest.
/// </summary>
internal sealed class PushProgress(IBuildLog log) : IProgress<JSONMessage>
{
    /// <summary>Gets the first error the stream reported.</summary>
    public string? Error { get; private set; }

    /// <summary>Gets the digest of the pushed manifest (<c>sha256:…</c>), from the stream's <c>aux</c>.</summary>
    public string? Digest { get; private set; }

    /// <inheritdoc />
    public void Report(JSONMessage value)
    {
        if (value.Error is { Message.Length: > 0 } error)
        {
            Error ??= error.Message.Trim();
        }

        if (value.Aux?.ExtensionData is { } aux && aux.TryGetValue("Digest", out var digest) && digest?.ToString() is { Length: > 0 } d)
        {
            Digest = d;
        }

        // Byte counts of a layer being uploaded ("Pushing" with progress) would flood the log; its outcome is enough.
        if (!string.IsNullOrEmpty(value.Status) && value.Progress?.Total is null or 0)
        {
            log.Progress(string.IsNullOrEmpty(value.ID) ? value.Status : $"{value.ID}: {value.Status}");
        }
    }
}
