using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// The credential files a package manager reads while dependencies install and that no final image may
/// hold: npm's and yarn's registry tokens, composer's auth.json, the .netrc curl, git and Go read, plus the
/// files the user marks with ContainerSecretFile items.
/// </summary>
public static class SecretFileNames
{
    /// <summary>Gets the files every stack treats as credentials, in any folder of the context.</summary>
    public static IReadOnlyList<string> Defaults { get; } = [".npmrc", ".yarnrc", ".yarnrc.yml", "auth.json", ".netrc"];

    /// <summary>Returns the defaults and the user's files (context-relative, '/'-separated); throws MSTAGE1046 for a path that leaves the context.</summary>
    public static IReadOnlyList<string> For(IEnumerable<string> userFiles) =>
        [.. Defaults.Concat(userFiles.Select(Normalize)).Distinct(StringComparer.Ordinal)];

    private static string Normalize(string file)
    {
        var path = file.Trim().Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return path.Length == 0 || path.StartsWith('/') || path.Split('/').Contains("..") || path.IndexOfAny(['"', '\n', '\r', '*', '?', '[']) >= 0
            ? throw new MultiStageException(Diagnostics.InvalidSecretFile(file))
            : path.TrimEnd('/');
    }
}
