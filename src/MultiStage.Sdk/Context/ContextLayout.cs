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
    /// A flat folder feed of the NuGet packages the builder's restore cannot download itself (they came
    /// from a folder feed, a fallback folder or a source that needs credentials): carried from the host's
    /// packages folder, so the builder needs neither the folder nor the credentials.
    /// </summary>
    public const string CarriedPackages = $"{Directory}/packages";

    /// <summary>The nuget.config the builder's restore uses instead of the user's (which may hold credentials).</summary>
    public const string NuGetConfig = $"{Directory}/nuget.config";

    /// <summary>Returns the injected files (context path → content), read from the rendered files and the plan's own files (written beside them).</summary>
    /// <remarks>A Dockerfile that is in the context already (a user's, <paramref name="dockerfileInContext"/>) is sent as it is, with the user's .dockerignore: neither is injected.</remarks>
    /// <remarks>
    /// BuildKit, sent the context as a tar body, applies no .dockerignore (the package has applied it already) and
    /// drops nothing it read: the rendered .dockerignore, which would stay in its context, is not sent to it.
    /// </remarks>
    public static IReadOnlyDictionary<string, byte[]> InjectedFiles(string dockerfilePath, string dockerIgnorePath, IEnumerable<string> planFiles, string? dockerfileInContext = null, bool buildKit = false)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (dockerfileInContext is null)
        {
            files[Dockerfile] = File.ReadAllBytes(dockerfilePath);
            if (!buildKit)
            {
                files[".dockerignore"] = File.ReadAllBytes(dockerIgnorePath);
            }
        }

        foreach (var file in planFiles)
        {
            files[$"{Directory}/{Path.GetFileName(file)}"] = File.ReadAllBytes(file);
        }

        return files;
    }
}
