using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Context;

/// <summary>
/// The patterns of a .dockerignore file, with the docker CLI's reading rules and moby/patternmatcher's matching:
/// the last pattern that matches a path (or one of its parent directories) decides, and a <c>!</c> pattern re-includes.
/// </summary>
public sealed class DockerIgnore
{
    private readonly IReadOnlyList<IgnorePattern> _patterns;

    private DockerIgnore(IReadOnlyList<IgnorePattern> patterns) => _patterns = patterns;

    /// <summary>Gets an ignore list that excludes nothing.</summary>
    public static DockerIgnore Empty { get; } = new([]);

    /// <summary>Gets the cleaned patterns in file order, exceptions with their leading <c>!</c>.</summary>
    public IReadOnlyList<string> Patterns => [.. _patterns.Select(pattern => pattern.ToString())];

    /// <summary>
    /// Reads the text of a .dockerignore file. A leading UTF-8 byte order mark is dropped; lines starting with
    /// <c>#</c> are comments; other lines are trimmed, empty ones skipped, and each is cleaned like a path.
    /// </summary>
    /// <param name="text">The file's content.</param>
    /// <param name="sourcePath">The file's path, named in errors.</param>
    /// <returns>The parsed patterns.</returns>
    /// <exception cref="MultiStageException">A line is not a valid pattern (MSTAGE1010, with its line number).</exception>
    public static DockerIgnore Parse(string text, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(text);
        var patterns = new List<IgnorePattern>();
        string[] lines = (text.StartsWith('\uFEFF') ? text[1..] : text).Split('\n');
        int count = text.EndsWith('\n') ? lines.Length - 1 : lines.Length; // no line after a final newline
        for (int index = 0; index < count; index++)
        {
            int lineNumber = index + 1;
            string line = lines[index].TrimEnd('\r'); // lines end at '\n' with an optional '\r', as Go's line scanner reads them
            if (line.StartsWith('#'))
            {
                continue; // only a '#' in the first column starts a comment, as in the docker CLI
            }

            string trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            try
            {
                patterns.Add(IgnorePattern.Parse(trimmed));
            }
            catch (FormatException e)
            {
                throw new MultiStageException(Diagnostics.InvalidDockerIgnorePattern(sourcePath, lineNumber, trimmed, e.Message), e);
            }
        }

        return new DockerIgnore(patterns);
    }

    /// <summary>Reads a .dockerignore file from disk (see <see cref="Parse"/>).</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The parsed patterns.</returns>
    public static DockerIgnore Load(string path)
    {
        return Parse(System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path)), path);
    }

    /// <summary>
    /// Tells whether a path is left out of the build context: the last pattern matching the path or one of its
    /// parent directories is not an exception. The context root itself is never excluded.
    /// </summary>
    /// <param name="relativePath">A path relative to the context root, with forward slashes.</param>
    /// <returns><see langword="true"/> when the path is excluded.</returns>
    public bool IsExcluded(string relativePath)
    {
        string path = GoPath.Clean(relativePath);
        if (path == ".")
        {
            return false;
        }

        bool excluded = false;
        foreach (IgnorePattern pattern in _patterns)
        {
            // A pattern that could not change the answer is skipped, as in patternmatcher.
            if (pattern.IsException != excluded)
            {
                continue;
            }

            if (pattern.MatchesPathOrParent(path))
            {
                excluded = !pattern.IsException;
            }
        }

        return excluded;
    }

    /// <summary>
    /// Tells whether anything below an excluded directory could be re-included by a <c>!</c> pattern. When it is
    /// <see langword="false"/>, every path below the directory is excluded and a walker may skip it unread.
    /// </summary>
    /// <param name="relativeDirectory">A directory relative to the context root, with forward slashes.</param>
    /// <returns><see langword="false"/> when no exception pattern can match any path below the directory.</returns>
    public bool MayReincludeUnder(string relativeDirectory)
    {
        // A path below an excluded directory D can only come back through an exception that matches the path or a
        // parent of it below D: exceptions matching D or its parents are already outweighed by what excluded D.
        string directory = GoPath.Clean(relativeDirectory);
        return _patterns.Any(pattern => pattern.IsException && (directory == "." || pattern.CouldMatchBelow(directory)));
    }
}
