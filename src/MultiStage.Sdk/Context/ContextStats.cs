namespace MultiStage.Sdk.Context;

/// <summary>What a build context archive holds.</summary>
/// <param name="Files">The regular files written, injected and host files included.</param>
/// <param name="Bytes">The content bytes of those files.</param>
public sealed record ContextStats(int Files, long Bytes);
