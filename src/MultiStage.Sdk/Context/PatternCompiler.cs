using System.Text;

namespace MultiStage.Sdk.Context;

/// <summary>How a pattern is matched, as moby/patternmatcher decides it while reading the pattern.</summary>
internal enum MatchKind
{
    /// <summary>Only literal characters: the path must equal the pattern.</summary>
    Exact,

    /// <summary>Literal characters then a final <c>**</c>: the path must start with what comes before it.</summary>
    Prefix,

    /// <summary>A leading <c>**</c> then literal characters: the path must end with what comes after it.</summary>
    Suffix,

    /// <summary>Anything else: the compiled <see cref="PatternProgram"/> decides.</summary>
    Expression,
}

/// <summary>
/// Reads one cleaned pattern the way moby/patternmatcher does (its syntax check is Go's <c>filepath.Match</c>,
/// its matching a regular expression built rune by rune), and rejects with a <see cref="FormatException"/>
/// whatever Docker rejects, or reads in a way that is not the glob a user wrote (see the messages).
/// </summary>
internal static class PatternCompiler
{
    /// <summary>Compiles <paramref name="pattern"/> into its match kind and program.</summary>
    public static (MatchKind Kind, PatternProgram Program) Compile(string pattern)
    {
        Rune[] runes = [.. pattern.EnumerateRunes()];
        var steps = new List<Step>();
        var kind = MatchKind.Exact;
        string? notLiteralInExpression = null;
        int i = 0;
        for (int token = 0; i < runes.Length; token++)
        {
            Rune c = runes[i++];
            if (c.Value == '*' && Peek(runes, i) == '*')
            {
                i++;
                if (Peek(runes, i) == '/')
                {
                    i++; // "**/" reads as "**"
                }

                if (i < runes.Length)
                {
                    // Any number of whole segments, even none: "(.*/)?".
                    steps.Add(new Step(StepKind.Fork, Jump: steps.Count + 3));
                    steps.Add(new Step(StepKind.Many, RuneSet.NotNewline));
                    steps.Add(new Step(StepKind.One, RuneSet.Literal(new Rune('/'))));
                    kind = MatchKind.Expression;
                }
                else if (kind == MatchKind.Exact)
                {
                    kind = MatchKind.Prefix;
                }
                else
                {
                    steps.Add(new Step(StepKind.Many, RuneSet.NotNewline));
                    kind = MatchKind.Expression;
                }

                if (token == 0)
                {
                    kind = MatchKind.Suffix;
                }
            }
            else if (c.Value is '*' or '?')
            {
                steps.Add(new Step(c.Value == '*' ? StepKind.Many : StepKind.One, RuneSet.NotSlash));
                kind = MatchKind.Expression;
            }
            else if (c.Value == '\\')
            {
                steps.Add(new Step(StepKind.One, RuneSet.Literal(ReadEscaped(runes, ref i))));
                kind = MatchKind.Expression;
            }
            else if (c.Value == '[')
            {
                steps.Add(new Step(StepKind.One, ReadClass(runes, ref i)));
                kind = MatchKind.Expression;
            }
            else if (c.Value == '^')
            {
                // Literal in the string comparisons; an anchor in Docker's regular expression.
                steps.Add(new Step(StepKind.Start));
            }
            else
            {
                steps.Add(new Step(StepKind.One, RuneSet.Literal(c)));
                if (c.Value == ']')
                {
                    kind = MatchKind.Expression;
                }
                else if (c.Value == '|' || (c.Value == '{' && IsRepetition(runes, i)))
                {
                    // Docker's matcher fails to escape these, so they act as regular-expression syntax.
                    notLiteralInExpression ??= $"with wildcards Docker's matcher reads '{c}' here as regular-expression syntax, not a literal '{c}'; escape it as '\\{c}'";
                }
            }
        }

        if (kind == MatchKind.Expression && notLiteralInExpression is not null)
        {
            throw new FormatException(notLiteralInExpression);
        }

        return (kind, new PatternProgram([.. steps]));
    }

    // The character after a backslash; i is just past the backslash.
    private static Rune ReadEscaped(Rune[] runes, ref int i)
    {
        if (i == runes.Length)
        {
            throw new FormatException("it ends with a '\\' that escapes nothing");
        }

        Rune escaped = runes[i++];
        if (!escaped.IsAscii || char.IsAsciiLetterOrDigit((char)escaped.Value))
        {
            throw new FormatException(
                $"'\\{escaped}' is not a plain '{escaped}' to Docker's matcher, which reads it as a regular-expression escape or rejects it; write the character without the backslash");
        }

        return escaped;
    }

    // A character class; i is just past the '['. Go's filepath.Match rules, plus what Go's regexp would read differently.
    private static RuneSet ReadClass(Rune[] runes, ref int i)
    {
        bool negated = Peek(runes, i) == '^';
        if (negated)
        {
            i++;
        }

        var ranges = new List<(int, int)>();
        while (true)
        {
            if (Peek(runes, i) == ']' && ranges.Count > 0)
            {
                i++;
                return new RuneSet(ranges, negated);
            }

            Rune low = ReadClassMember(runes, ref i);
            Rune high = low;
            if (Peek(runes, i) == '-')
            {
                i++;
                high = ReadClassMember(runes, ref i);
            }

            if (high < low)
            {
                throw new FormatException($"the range '{low}-{high}' in '[...]' runs backwards");
            }

            ranges.Add((low.Value, high.Value));
        }
    }

    private static Rune ReadClassMember(Rune[] runes, ref int i)
    {
        int c = Peek(runes, i);
        if (c is -1)
        {
            throw new FormatException("a '[' is never closed by ']'");
        }

        if (c is '-' or ']')
        {
            throw new FormatException($"'{(char)c}' must be escaped as '\\{(char)c}' at that place in '[...]'");
        }

        if (c is '*' or '?')
        {
            throw new FormatException($"'{(char)c}' inside '[...]' is not read as a literal by Docker's matcher; escape it as '\\{(char)c}'");
        }

        if (c == '[' && Peek(runes, i + 1) == ':')
        {
            throw new FormatException("'[:' inside '[...]' starts a POSIX class to Docker's matcher; escape the '[' as '\\['");
        }

        i++;
        Rune member = c == '\\' ? ReadEscaped(runes, ref i) : runes[i - 1];
        if (i == runes.Length)
        {
            throw new FormatException("a '[' is never closed by ']'");
        }

        return member;
    }

    // Whether the text after a '{' (at i) reads as a regular-expression repetition: {n}, {n,} or {n,m}.
    private static bool IsRepetition(Rune[] runes, int i)
    {
        int start = i;
        while (Peek(runes, i) is >= '0' and <= '9')
        {
            i++;
        }

        if (i == start)
        {
            return false;
        }

        if (Peek(runes, i) == ',')
        {
            i++;
            while (Peek(runes, i) is >= '0' and <= '9')
            {
                i++;
            }
        }

        return Peek(runes, i) == '}';
    }

    private static int Peek(Rune[] runes, int i) => i < runes.Length ? runes[i].Value : -1;
}
