using System.Text;
using Docker.DotNet.Models;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// Reads the engine's JSON build stream (Docker's classic builder or Podman's, see <see cref="BuildStreamLine"/>):
/// forwards its text line by line to the log, follows the step lines to know the current step and stage, records each stage's base image and the image it
/// ends with, and keeps the first error. Errors arrive in the stream, not as exceptions.
/// </summary>
/// <param name="log">Where the lines go.</param>
/// <param name="paths">Maps the builder's paths in compiler errors to this machine's files; null: none are mapped.</param>
/// <param name="engine">Whose stream this is: Docker's classic builder or Podman's Buildah.</param>
/// <param name="steps">The Dockerfile's steps, to number Podman's per-stage steps as the Dockerfile's.</param>
internal sealed class BuildProgress(IBuildLog log, BuilderPaths? paths = null, EngineKind engine = EngineKind.Docker, IReadOnlyList<DockerfileStep>? steps = null) : IProgress<JSONMessage>, IBuildFollower
{
    private readonly StepOutput _output = new(log, paths);

    private readonly StringBuilder _partial = new();
    private readonly List<BuildStage> _stages = [];
    private readonly List<int> _cachedSteps = [];
    private readonly Queue<string> _stepOutput = new();
    private bool _awaitingBase;
    private string _stepText = "";
    private int _stageStart = 1;

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

    /// <summary>Gets what the current step printed (its last <see cref="Engine.StepOutput.Lines"/> lines, without the engine's own remarks): shown again when it fails.</summary>
    public IReadOnlyCollection<string> StepOutput => _stepOutput;

    /// <inheritdoc />
    public void Report(JSONMessage value)
    {
        if (value.Error is { Message.Length: > 0 } error)
        {
            Error ??= BuildStreamLine.ErrorText(error.Message.Trim(), engine, _stepText);
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
            // What a step's tools print for a terminal reaches the log as plain text.
            var plain = TerminalText.Plain(line);
            if (plain.Trim().Length > 0)
            {
                OnLine(plain);
            }
        }

        _partial.Remove(0, end);
    }

    private void OnLine(string line)
    {
        var parsed = BuildStreamLine.Parse(line, engine);
        switch (parsed.Kind)
        {
            case BuildLineKind.Step:
                OnStep(parsed);
                break;
            case BuildLineKind.Cached:
                _cachedSteps.Add(CurrentStep);
                OnImage(parsed.ImageId);
                break;
            case BuildLineKind.Image:
                OnImage(parsed.ImageId);
                break;
            default:
                if (Engine.StepOutput.Coded(line) is { } coded)
                {
                    Reported = (CurrentStep, coded.Code, coded.Message);
                }

                break;
        }

        // A compiler error in the builder is re-emitted at this machine's file, so IDEs and the terminal logger link it.
        _output.MapCompilerError(line);

        // Steps (and whether the cache served them) are the progress a user follows at default verbosity;
        // what they print is detail, kept to be shown again should the step fail.
        if (parsed.Kind is BuildLineKind.Step or BuildLineKind.Cached)
        {
            log.Summary(line);
            return;
        }

        log.Progress(line);
        if (parsed.Kind != BuildLineKind.Output)
        {
            return;
        }

        Engine.StepOutput.Keep(_stepOutput, line);
    }

    private void OnStep(BuildStreamLine step)
    {
        CurrentStep = engine == EngineKind.Podman ? DockerfileStep(step) : step.Step;
        _stepText = $"{step.Instruction} {step.Arguments}".TrimEnd();
        _stepOutput.Clear();
        var from = step.Instruction.Equals("FROM", StringComparison.OrdinalIgnoreCase);

        // Docker prints the base image's id after FROM; Podman prints none (ImageSizes looks the base up by name).
        _awaitingBase = from && engine == EngineKind.Docker;
        if (from)
        {
            // Podman skips the stages the built one does not need, and says which stage of the Dockerfile runs.
            _stages.Add(BuildStage.FromStep(step.Arguments, step.Stage > 0 ? step.Stage - 1 : _stages.Count));
        }
    }

    /// <summary>The image a step produced is the stage's latest; after FROM (Docker) it is the stage's base image.</summary>
    private void OnImage(string? id)
    {
        if (_stages.Count == 0 || id is null)
        {
            return;
        }

        var stage = _stages[^1];
        if (_awaitingBase)
        {
            // The first id after FROM is the stage's base image (FROM scratch prints none before the next step).
            _stages[^1] = stage with { BaseImageId = id, ImageId = id };
            _awaitingBase = false;
        }
        else
        {
            _stages[^1] = stage with { ImageId = id };
        }
    }

    /// <summary>
    /// Podman numbers a step within its stage (<c>[2/3] STEP 4/6</c>) and leaves out the stages the built one does not
    /// need: the number Docker would print, and <see cref="DockerfileSteps"/> uses, counts from that stage's FROM.
    /// </summary>
    private int DockerfileStep(BuildStreamLine step)
    {
        var stageStart = steps?.Where(s => s.Instruction == "FROM").ElementAtOrDefault(step.Stage - 1);
        if (stageStart is not null)
        {
            return stageStart.Number + step.Step - 1;
        }

        // Without the Dockerfile's steps, stages are taken to follow each other.
        if (step.Step == 1)
        {
            _stageStart = CurrentStep + 1;
        }

        return _stageStart + step.Step - 1;
    }

    private static bool TryGetId(IDictionary<string, object> aux, out string id)
    {
        id = aux.TryGetValue("ID", out var value) ? value?.ToString() ?? "" : "";
        return id.Length > 0;
    }
}
