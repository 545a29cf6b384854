namespace MultiStage.Sdk.Context;

/// <summary>
/// The .dockerignore a build uses: the stack's defaults, the folders the plan leaves out (projects
/// the app does not reference), then the user's own .dockerignore from the context root (later rules
/// win, so the user's rules override the defaults), then the two files this package injects, so the
/// engine drops them from the context once it has read them.
/// </summary>
public static class DockerIgnoreMerge
{
    /// <summary>Returns the merged text for a context folder.</summary>
    public static string Merge(string stackDefaults, string contextDirectory, IReadOnlyList<string> exclusions)
    {
        var text = new System.Text.StringBuilder(stackDefaults.TrimEnd()).Append('\n');
        if (exclusions.Count > 0)
        {
            text.Append("\n# Projects the app does not reference.\n");
            foreach (var folder in exclusions)
            {
                text.Append(EscapePattern(folder)).Append('\n');
            }
        }

        var userFile = Path.Combine(contextDirectory, ".dockerignore");
        if (File.Exists(userFile))
        {
            text.Append("\n# From ").Append(userFile).Append(" (its rules win over the defaults above).\n")
                .Append(File.ReadAllText(userFile).TrimStart('\uFEFF').TrimEnd()).Append('\n');
        }

        return AppendInjected(text);
    }

    /// <summary>
    /// The rules a user's own Dockerfile is built with, as it is: the ones beside it in <c>&lt;Dockerfile&gt;.dockerignore</c>
    /// (BuildKit's rule, as eject writes it), else the context root's .dockerignore, else none.
    /// </summary>
    /// <param name="dockerfilePath">The user's Dockerfile.</param>
    /// <param name="contextDirectory">The context's root.</param>
    /// <param name="dockerfileInContext">
    /// The Dockerfile's path in the context, or null when it is outside it. Inside, the context is what the docker
    /// CLI sends: the user's files as they are, the Dockerfile and the .dockerignore always (the engine reads them,
    /// then drops those the rules exclude); nothing is injected. Outside, the Dockerfile is injected and dropped.
    /// </param>
    /// <param name="buildKit">
    /// For BuildKit, which is sent the context as a tar body, reads the Dockerfile from it and drops nothing: only the
    /// Dockerfile is sent whatever the rules say, and the .dockerignore goes by them, as the docker CLI's BuildKit has it.
    /// </param>
    public static string ForUserDockerfile(string dockerfilePath, string contextDirectory, string? dockerfileInContext, bool buildKit = false)
    {
        var text = new System.Text.StringBuilder();
        var own = dockerfilePath + ".dockerignore";
        var userFile = File.Exists(own) ? own : Path.Combine(contextDirectory, ".dockerignore");
        if (File.Exists(userFile))
        {
            text.Append("# From ").Append(userFile).Append(".\n").Append(File.ReadAllText(userFile).TrimStart('\uFEFF').TrimEnd()).Append('\n');
        }

        return dockerfileInContext is null ? AppendInjected(text)
            : buildKit ? text.Append("\n# Sent whatever the rules above say: BuildKit reads it from the context.\n")
                .Append('!').Append(EscapePattern(dockerfileInContext)).Append('\n').ToString()
            : text.Append("\n# Sent whatever the rules above say, as the docker CLI sends them; the engine drops those they exclude.\n")
                .Append("!.dockerignore\n!").Append(EscapePattern(dockerfileInContext)).Append('\n').ToString();
    }

    private static string AppendInjected(System.Text.StringBuilder text) =>
        text.Append("\n# Read by the engine, then dropped from the context.\n")
            .Append(ContextLayout.Dockerfile).Append('\n')
            .Append(".dockerignore\n")
            .ToString();

    /// <summary>A path as a pattern that matches only itself: the pattern characters escaped.</summary>
    private static string EscapePattern(string path) =>
        string.Concat(path.Select(c => c is '*' or '?' or '[' or ']' or '\\' or '!' or '#' ? $"\\{c}" : c.ToString()));
}
