using System.Numerics;
using System.Text;

namespace MultiStage.Sdk.Context;

/// <summary>A set of runes: inclusive ranges, possibly negated. Literals, <c>?</c>, <c>[...]</c> and "any but newline" are all one.</summary>
internal sealed class RuneSet(IEnumerable<(int Low, int High)> members, bool negated)
{
    private readonly (int Low, int High)[] _ranges = [.. members];

    /// <summary>Any rune but <c>/</c>: what <c>?</c> and <c>*</c> consume.</summary>
    public static readonly RuneSet NotSlash = new([('/', '/')], negated: true);

    /// <summary>Any rune but a newline: what the <c>.</c> of Docker's regular expression for <c>**</c> consumes.</summary>
    public static readonly RuneSet NotNewline = new([('\n', '\n')], negated: true);

    /// <summary>Creates the set holding exactly <paramref name="rune"/>.</summary>
    public static RuneSet Literal(Rune rune) => new([(rune.Value, rune.Value)], negated: false);

    /// <summary>Tells whether <paramref name="rune"/> is in the set.</summary>
    public bool Contains(Rune rune)
    {
        foreach (var (low, high) in _ranges)
        {
            if (rune.Value >= low && rune.Value <= high)
            {
                return !negated;
            }
        }

        return negated;
    }
}

/// <summary>The kinds of step in a <see cref="PatternProgram"/>.</summary>
internal enum StepKind
{
    /// <summary>Consume one rune of the set, then go on.</summary>
    One,

    /// <summary>Consume any number of runes of the set, then go on.</summary>
    Many,

    /// <summary>Go on, or jump ahead to <see cref="Step.Jump"/> (an optional group).</summary>
    Fork,

    /// <summary>Go on only at the very start of the text (a <c>^</c> outside a class, as Docker's regular expression reads it).</summary>
    Start,
}

/// <summary>One step of a <see cref="PatternProgram"/>.</summary>
internal readonly record struct Step(StepKind Kind, RuneSet? Set = null, int Jump = 0);

/// <summary>
/// A compiled pattern as a small nondeterministic automaton, run over the text's runes in one pass with the live states
/// kept as a bit set. It answers both "does the whole text match" and "could a text that starts with this prefix match".
/// </summary>
internal sealed class PatternProgram
{
    private readonly Step[] _steps;
    private readonly int _words;
    private readonly int _lastStart;

    // For each state, the consuming states (and the end state) reachable from it without consuming a rune.
    private readonly ulong[][] _closures;
    private readonly ulong[] _initial;

    /// <summary>Initializes a new instance of the <see cref="PatternProgram"/> class.</summary>
    public PatternProgram(Step[] steps)
    {
        _steps = steps;
        _words = (steps.Length / 64) + 1; // states 0..Length, Length being "matched"
        _lastStart = -1;
        _closures = new ulong[steps.Length + 1][];
        for (int state = 0; state <= steps.Length; state++)
        {
            _closures[state] = new ulong[_words];
            AddClosure(_closures[state], state, atStart: false);
            if (state < steps.Length && steps[state].Kind == StepKind.Start)
            {
                _lastStart = state;
            }
        }

        _initial = new ulong[_words];
        AddClosure(_initial, 0, atStart: true);
    }

    /// <summary>Tells whether the whole of <paramref name="text"/> matches.</summary>
    public bool Matches(ReadOnlySpan<char> text) => Run(text, stopAtMatchingParent: false) is { } states && IsSet(states, _steps.Length);

    /// <summary>
    /// Tells whether <paramref name="path"/> or one of its parent directories (each part before a '/') matches,
    /// in one pass over the path.
    /// </summary>
    public bool MatchesPathOrParent(ReadOnlySpan<char> path) => Run(path, stopAtMatchingParent: true) is { } states && IsSet(states, _steps.Length);

    /// <summary>Tells whether some text starting with <paramref name="prefix"/> (a non-empty prefix) could match.</summary>
    public bool CouldMatchAfter(ReadOnlySpan<char> prefix)
    {
        ulong[]? states = Run(prefix, stopAtMatchingParent: false);

        // Past the first rune a Start step can never be passed again: only states beyond the last one live on.
        for (int state = _lastStart + 1; states is not null && state <= _steps.Length; state++)
        {
            if (IsSet(states, state))
            {
                return true;
            }
        }

        return false;
    }

    // The states live after the text, or null when none is. With stopAtMatchingParent, it stops at the first '/'
    // reached in the matched state, leaving that state set.
    private ulong[]? Run(ReadOnlySpan<char> text, bool stopAtMatchingParent)
    {
        var states = new ulong[_words];
        _initial.CopyTo(states, 0);
        Span<ulong> next = _words <= 16 ? stackalloc ulong[_words] : new ulong[_words];
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (stopAtMatchingParent && rune.Value == '/' && IsSet(states, _steps.Length))
            {
                return states;
            }

            next.Clear();
            bool any = false;
            for (int word = 0; word < _words; word++)
            {
                for (ulong bits = states[word]; bits != 0; bits &= bits - 1)
                {
                    int state = (word * 64) + BitOperations.TrailingZeroCount(bits);
                    if (state == _steps.Length || !_steps[state].Set!.Contains(rune))
                    {
                        continue;
                    }

                    ulong[] reached = _closures[_steps[state].Kind == StepKind.Many ? state : state + 1];
                    for (int i = 0; i < _words; i++)
                    {
                        next[i] |= reached[i];
                    }

                    any = true;
                }
            }

            if (!any)
            {
                return null;
            }

            next.CopyTo(states);
        }

        return states;
    }

    private void AddClosure(ulong[] set, int state, bool atStart)
    {
        if (IsSet(set, state))
        {
            return;
        }

        if (state == _steps.Length)
        {
            set[state / 64] |= 1UL << (state % 64);
            return;
        }

        Step step = _steps[state];
        switch (step.Kind)
        {
            case StepKind.One:
                set[state / 64] |= 1UL << (state % 64);
                break;
            case StepKind.Many:
                set[state / 64] |= 1UL << (state % 64);
                AddClosure(set, state + 1, atStart);
                break;
            case StepKind.Fork:
                AddClosure(set, state + 1, atStart);
                AddClosure(set, step.Jump, atStart);
                break;
            case StepKind.Start when atStart:
                AddClosure(set, state + 1, atStart);
                break;
        }
    }

    private static bool IsSet(ReadOnlySpan<ulong> set, int state) => (set[state / 64] & (1UL << (state % 64))) != 0;
}
