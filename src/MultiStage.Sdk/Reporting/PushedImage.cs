namespace MultiStage.Sdk.Reporting;

/// <summary>What a push left in a registry: written to <c>report.json</c> as <c>pushed</c>.</summary>
/// <param name="Registry">The registry, host[:port] as ContainerRegistry names it.</param>
/// <param name="References">Every reference pushed, <c>registry/repository:tag</c>.</param>
/// <param name="Digest">The pushed manifest's digest (<c>sha256:…</c>), the same for every tag.</param>
public sealed record PushedImage(string Registry, IReadOnlyList<string> References, string Digest)
{
    /// <summary>Gets the summary lines of the push, one per reference: <c>pushed 127.0.0.1:5000/app:latest@sha256:…</c>.</summary>
    public IEnumerable<string> SummaryLines(string project) => References.Select(r => $"{project} -> pushed {r}@{Digest}");
}
