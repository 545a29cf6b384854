namespace MultiStage.Sdk.Context;

/// <summary>
/// The .dockerignore a build uses: the stack's defaults, then the user's own .dockerignore from the
/// context root (later rules win, so the user's rules override the defaults), then the two files
/// this package injects, so the engine drops them from the context once it has read them.
/// </summary>
public static class DockerIgnoreMerge
{
    /// <summary>Returns the merged text for a context folder.</summary>
    public static string Merge(string stackDefaults, string contextDirectory)
    {
        var text = new System.Text.StringBuilder(stackDefaults.TrimEnd()).Append('\n');
        var userFile = Path.Combine(contextDirectory, ".dockerignore");
        if (File.Exists(userFile))
        {
            text.Append("\n# From ").Append(userFile).Append(" (its rules win over the defaults above).\n")
                .Append(File.ReadAllText(userFile).TrimStart('\uFEFF').TrimEnd()).Append('\n');
        }

        return text.Append("\n# Read by the engine, then dropped from the context.\n")
            .Append(ContextLayout.Dockerfile).Append('\n')
            .Append(".dockerignore\n")
            .ToString();
    }
}
