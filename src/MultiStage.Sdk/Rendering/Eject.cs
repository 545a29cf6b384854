using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Rendering;

/// <summary>
/// Hands the rendered Dockerfile over to the user: it is written into the project folder with a
/// marker line, and from then on the publish builds that file as it is (MultiStageDockerfile points at
/// it while the marker is there). A file the user already has is never overwritten unless forced.
/// </summary>
public static class Eject
{
    /// <summary>The line that makes the publish build an ejected Dockerfile; build/MultiStage.Sdk.targets looks for it.</summary>
    public const string Marker = "# Ejected from MultiStage.Sdk: this file is yours now.";

    /// <summary>The header of a rendered file, which no longer holds once it is ejected.</summary>
    private const string RenderedHeader = "# Rendered by MultiStage.Sdk";

    private const string RenderedNotice = "# It is written anew on every publish";

    /// <summary>Writes <c>Dockerfile</c> and <c>Dockerfile.dockerignore</c> into <paramref name="projectDirectory"/> and returns their paths.</summary>
    /// <remarks>
    /// The ignore file is named after the Dockerfile (BuildKit's rule, which this package follows for a
    /// user's Dockerfile): it applies whatever folder the context is, and the user's own .dockerignore,
    /// whose rules it already holds, stays untouched.
    /// </remarks>
    public static (string Dockerfile, string DockerIgnore) Write(string renderedDockerfile, string renderedDockerIgnore, string projectDirectory, bool force)
    {
        var dockerfile = Path.Combine(projectDirectory, "Dockerfile");
        var dockerIgnore = dockerfile + ".dockerignore";
        var existing = new[] { dockerfile, dockerIgnore }.Where(File.Exists).ToList();
        if (existing.Count > 0 && !force)
        {
            throw new MultiStageException(Diagnostics.EjectWouldOverwrite(existing));
        }

        File.WriteAllText(dockerfile, Ejected(File.ReadAllText(renderedDockerfile)));
        File.WriteAllText(dockerIgnore, UserRules(File.ReadAllText(renderedDockerIgnore)));
        return (dockerfile, dockerIgnore);
    }

    private static string Ejected(string rendered)
    {
        var lines = rendered.Replace("\r\n", "\n").Split('\n')
            .SkipWhile(l => l.StartsWith(RenderedHeader, StringComparison.Ordinal) || l.StartsWith(RenderedNotice, StringComparison.Ordinal));
        return $"""
            {Marker}
            # The publish builds it as it is while the line above is here (or while MultiStageDockerfile names it);
            # .multistage/ is added to the context by the publish: the package's feed and the list of package files.

            """ + string.Join('\n', lines).TrimStart('\n');
    }

    /// <summary>The rules of the rendered .dockerignore, without the two lines for the files the package injects (it adds them again).</summary>
    private static string UserRules(string rendered)
    {
        var end = rendered.LastIndexOf("\n# Read by the engine", StringComparison.Ordinal);
        return (end < 0 ? rendered : rendered[..end]).TrimEnd() + "\n";
    }
}
