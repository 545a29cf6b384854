using System.Text.RegularExpressions;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// What build steps print, read the same way whichever builder ran them: a compiler error in the builder is
/// re-emitted (once) at this machine's file, a template check's <c>MSTAGE####: message</c> line is recognised, and
/// a step's last <see cref="Lines"/> lines are kept to be shown again should the step fail.
/// </summary>
/// <param name="log">Where re-emitted compiler errors go.</param>
/// <param name="paths">Maps the builder's paths to this machine's; null: no error is re-emitted.</param>
internal sealed partial class StepOutput(IBuildLog log, BuilderPaths? paths)
{
    /// <summary>How many lines of a step's output are kept to show again when it fails.</summary>
    public const int Lines = 200;

    private readonly HashSet<Diagnostic> _reemitted = [];

    /// <summary>Re-emits a compiler error the line holds at this machine's file, the first time it is seen.</summary>
    public void MapCompilerError(string line)
    {
        if (paths?.CompilerError(line) is { } compilerError && _reemitted.Add(compilerError))
        {
            log.Error(compilerError);
        }
    }

    /// <summary>Returns the code and message of a coded line a template's check printed, or null.</summary>
    public static (string Code, string Message)? Coded(string line) =>
        CodedPattern().Match(line) is { Success: true } match ? (match.Groups["code"].Value, match.Groups["message"].Value.Trim()) : null;

    /// <summary>Adds <paramref name="line"/> to <paramref name="tail"/>, keeping its last <see cref="Lines"/> lines.</summary>
    public static void Keep(Queue<string> tail, string line)
    {
        tail.Enqueue(line);
        if (tail.Count > Lines)
        {
            tail.Dequeue();
        }
    }

    [GeneratedRegex(@"^(?<code>MSTAGE\d{4}): (?<message>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex CodedPattern();
}
