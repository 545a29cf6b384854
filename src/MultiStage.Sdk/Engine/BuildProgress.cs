using System.Text;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// Reads the classic builder's JSON stream: forwards its text line by line to the log, follows
/// "Step N/M" to know the current step and stage, records each stage's base image and the image it
/// ends with, and keeps the first error. Errors arrive in the stream, not as exceptions.
/// </summary>
internal sealed partial class BuildProgress(IBuildLog log, BuilderPaths? paths = null) : IProgress<JSONMessage>
{
    private readonly HashSet<Diagnostic> _reemitted = [];

    private readonly StringBuilder _partial = new();
    private readonly List<BuildStage> _stages = [];
    private readonly List<int> _cachedSteps = [];
    private readonly Queue<string> _stepOutput = new();
    private bool _awaitingBase;

    /// <summary>Gets the step being run, 0 before the first.</summary>
    public int CurrentStep { get; private set; }

    /// <summary>Gets the final image id from the stream's aux message.</summary>
    public string? ImageId { get; private set; }

    /// <summary>Gets the engine's first error message, if any.</summary>
    public string? Error { get; private set; }

    /// <summary>Gets the stages in the order the engine ran them, with their base image and the image each ended with.</summary>
    public IReadOnlyList<BuildStage> Stages => _stages;

    /// <summary>Gets a coded error a template's check printed (<c>MSTAGE####: message</c>), with the step that printed it.</summary>
    public (int Step, string Code, string Message)? Reported { get; private set; }

    /// <summary>Gets the steps the engine took from its cache.</summary>
    public IReadOnlyList<int> CachedSteps => _cachedSteps;

    /// <summary>Gets what the current step printed (its last <see cref="StepOutputLines"/> lines): shown again when it fails.</summary>
    public IReadOnlyCollection<string> StepOutput => _stepOutput;

    /// <summary>How many lines of a step's output are kept to show again when it fails.</summary>
    public const int StepOutputLines = 200;

    /// <inheritdoc />
    public void Report(JSONMessage value)
    {
        if (value.Error is { Message.Length: > 0 } error)
        {
            Error ??= error.Message.Trim();
        }

        if (value.Aux?.ExtensionData is { } aux && TryGetId(aux, out var id))
        {
            ImageId = id;
        }

        if (!string.IsNullOrEmpty(value.Stream))
        {
            _partial.Append(value.Stream);
            FlushLines(final: false);
        }
    }

    /// <summary>Writes what is left of a line without its newline.</summary>
    public void Complete() => FlushLines(final: true);

    private void FlushLines(bool final)
    {
        var text = _partial.ToString();
        var end = final ? text.Length : text.LastIndexOf('\n') + 1;
        if (end <= 0)
        {
            return;
        }

        foreach (var line in text[..end].Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Trim().Length > 0)
            {
                OnLine(trimmed);
            }
        }

        _partial.Remove(0, end);
    }

    private void OnLine(string line)
    {
        var step = StepPattern().Match(line);
        if (step.Success)
        {
            CurrentStep = int.Parse(step.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            _stepOutput.Clear();
            _awaitingBase = step.Groups["instruction"].Value.Equals("FROM", StringComparison.OrdinalIgnoreCase);
            if (_awaitingBase)
            {
                _stages.Add(BuildStage.FromStep(step.Groups["rest"].Value, _stages.Count));
            }
        }
        else if (ReportedPattern().Match(line) is { Success: true } reported)
        {
            Reported = (CurrentStep, reported.Groups["code"].Value, reported.Groups["message"].Value.Trim());
        }
        else if (line.StartsWith(" ---> ", StringComparison.Ordinal))
        {
            var rest = line[6..].Trim();
            if (rest == "Using cache")
            {
                _cachedSteps.Add(CurrentStep);
            }
            else if (_stages.Count > 0 && ImageIdPattern().IsMatch(rest))
            {
                // The first id after FROM is the stage's base image (FROM scratch prints none before the next step).
                var stage = _stages[^1];
                _stages[^1] = stage with { BaseImageId = _awaitingBase ? rest : stage.BaseImageId, ImageId = rest };
                _awaitingBase = false;
            }
        }

        // A compiler error in the builder is re-emitted at this machine's file, so IDEs and the terminal logger link it.
        if (paths?.CompilerError(line) is { } compilerError && _reemitted.Add(compilerError))
        {
            log.Error(compilerError);
        }

        // Steps (and whether the cache served them) are the progress a user follows at default verbosity;
        // what they print is detail, kept to be shown again should the step fail.
        if (step.Success || line == " ---> Using cache")
        {
            log.Summary(line);
            return;
        }

        log.Progress(line);
        _stepOutput.Enqueue(line);
        if (_stepOutput.Count > StepOutputLines)
        {
            _stepOutput.Dequeue();
        }
    }

    private static bool TryGetId(IDictionary<string, object> aux, out string id)
    {
        id = aux.TryGetValue("ID", out var value) ? value?.ToString() ?? "" : "";
        return id.Length > 0;
    }

    [GeneratedRegex(@"^Step (?<n>\d+)/\d+ : (?<instruction>\S+)\s*(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex StepPattern();

    [GeneratedRegex(@"^(?<code>MSTAGE\d{4}): (?<message>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ReportedPattern();

    [GeneratedRegex("^[0-9a-f]{12,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ImageIdPattern();
}
