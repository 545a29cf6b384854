namespace MultiStage.Sdk.Context;

/// <summary>One line of a .dockerignore, cleaned and compiled the way moby/patternmatcher does it.</summary>
internal sealed class IgnorePattern
{
    private readonly MatchKind _kind;
    private readonly PatternProgram _program;

    private IgnorePattern(string text, bool isException)
    {
        Text = text;
        IsException = isException;
        (_kind, _program) = PatternCompiler.Compile(text);
    }

    /// <summary>Gets the cleaned pattern, without its leading <c>!</c>.</summary>
    public string Text { get; }

    /// <summary>Gets a value indicating whether the line started with <c>!</c> (it re-includes what it matches).</summary>
    public bool IsException { get; }

    /// <summary>
    /// Reads a trimmed, non-empty, non-comment line: the docker CLI's ignore-file cleaning, then patternmatcher's.
    /// </summary>
    /// <exception cref="FormatException">The pattern is not valid; the message says why.</exception>
    public static IgnorePattern Parse(string line)
    {
        // The ignore-file reader: clean what follows an optional '!', drop one leading '/'.
        bool exception = line[0] == '!';
        string pattern = exception ? line[1..].Trim() : line;
        if (pattern.Length > 0)
        {
            pattern = GoPath.Clean(pattern);
            if (pattern.Length > 1 && pattern[0] == '/')
            {
                pattern = pattern[1..];
            }
        }

        // The pattern matcher: trim and clean the whole line again, then split off the '!'.
        pattern = GoPath.Clean((exception ? "!" + pattern : pattern).Trim());
        if (pattern[0] != '!')
        {
            return new IgnorePattern(pattern, isException: false);
        }

        if (pattern.Length == 1)
        {
            throw new FormatException("a '!' must be followed by the pattern it re-includes");
        }

        return new IgnorePattern(pattern[1..], isException: true);
    }

    /// <summary>Tells whether the pattern matches the whole of <paramref name="path"/> (not its parents).</summary>
    public bool Matches(ReadOnlySpan<char> path) => _kind switch
    {
        MatchKind.Exact => path.SequenceEqual(Text),
        MatchKind.Prefix => path.StartsWith(Text.AsSpan(0, Text.Length - 2), StringComparison.Ordinal),
        MatchKind.Suffix => MatchesSuffix(path, Text.AsSpan(2)),
        _ => _program.Matches(path),
    };

    /// <summary>
    /// Tells whether the pattern matches <paramref name="path"/> or one of its parent directories, as
    /// patternmatcher's MatchesOrParentMatches asks of each pattern.
    /// </summary>
    public bool MatchesPathOrParent(string path)
    {
        switch (_kind)
        {
            case MatchKind.Prefix:
                return Matches(path); // a parent starting with the prefix means the path does too
            case MatchKind.Expression:
                return _program.MatchesPathOrParent(path);
        }

        if (Matches(path))
        {
            return true;
        }

        for (int slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            if (Matches(path.AsSpan(0, slash)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Tells whether some path below <paramref name="directory"/> (a cleaned relative path) could match.</summary>
    public bool CouldMatchBelow(string directory)
    {
        string below = directory + "/";
        return _kind switch
        {
            MatchKind.Exact => Text.StartsWith(below, StringComparison.Ordinal),
            MatchKind.Prefix => Text.StartsWith(below, StringComparison.Ordinal) || below.StartsWith(Text[..^2], StringComparison.Ordinal),
            MatchKind.Suffix => true, // below + "x" + suffix always matches
            _ => _program.CouldMatchAfter(below),
        };
    }

    /// <inheritdoc/>
    public override string ToString() => IsException ? "!" + Text : Text;

    private static bool MatchesSuffix(ReadOnlySpan<char> path, ReadOnlySpan<char> suffix) =>
        path.EndsWith(suffix, StringComparison.Ordinal)
        || (suffix.Length > 0 && suffix[0] == '/' && path.SequenceEqual(suffix[1..])); // "**/foo" matches "foo"
}
