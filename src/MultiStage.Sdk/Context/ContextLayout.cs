namespace MultiStage.Sdk.Context;

/// <summary>
/// Where this package puts its own files inside the build context, under <c>.multistage/</c>: they are
/// written into the streamed archive only, never into the project folder.
/// </summary>
public static class ContextLayout
{
    /// <summary>The folder of this package's files in the context.</summary>
    public const string Directory = ".multistage";

    /// <summary>The rendered Dockerfile.</summary>
    public const string Dockerfile = $"{Directory}/Dockerfile";

    /// <summary>
    /// A one-package NuGet feed holding this package itself, so a project that references
    /// MultiStage.Sdk restores inside the builder wherever the package came from on the host.
    /// </summary>
    public const string ToolFeed = $"{Directory}/feed";

    /// <summary>Returns the injected files (context path → content), read from the rendered files and the plan's own files (written beside them).</summary>
    public static IReadOnlyDictionary<string, byte[]> InjectedFiles(string dockerfilePath, string dockerIgnorePath, IEnumerable<string> planFiles)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [Dockerfile] = File.ReadAllBytes(dockerfilePath),
            [".dockerignore"] = File.ReadAllBytes(dockerIgnorePath),
        };
        foreach (var file in planFiles)
        {
            files[$"{Directory}/{Path.GetFileName(file)}"] = File.ReadAllBytes(file);
        }

        return files;
    }
}
