namespace MultiStage.Sdk.Context;

/// <summary>
/// A file of the build context that is read from anywhere on this machine rather than from under the context's
/// root: the publish output of a .NET app (split into its dependencies and its own files), or a NuGet package
/// carried in for the builder's restore. It is streamed from <see cref="Source"/> with its own mode and time.
/// </summary>
/// <param name="Path">Where it goes in the context: a clean relative path with forward slashes.</param>
/// <param name="Source">The file on this machine, as a full path.</param>
public sealed record ContextFile(string Path, string Source);
