using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MultiStage.Sdk.Engine.BuildKit;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// Follows the stream of a BuildKit build (<c>POST /build?version=2</c>): each <c>moby.buildkit.trace</c> message is a
/// BuildKit <c>StatusResponse</c> (vertexes, their logs), <c>moby.image.id</c> names the image, and an <c>error</c>
/// ends a failed build. A vertex of the Dockerfile (<c>[builder 3/7] RUN …</c>) is mapped to its step, so the log
/// reads as the classic builder's does — <c>Step N/M : …</c> as a step starts, <c> ---&gt; Using cache</c> when the
/// cache served it — and a failure points at its line. Stages run in parallel; a step's output is kept per vertex.
/// </summary>
/// <param name="log">Where the lines go.</param>
/// <param name="paths">Maps the builder's paths in compiler errors to this machine's files; null: none are mapped.</param>
/// <param name="steps">The Dockerfile's steps (up to the target stage), which the vertex names refer to.</param>
internal sealed partial class BuildKitProgress(IBuildLog log, BuilderPaths? paths, IReadOnlyList<DockerfileStep> steps) : IBuildFollower
{
    private readonly StepOutput _output = new(log, paths);
    private readonly Dictionary<string, Followed> _vertexes = new(StringComparer.Ordinal);
    private readonly SortedSet<int> _cachedSteps = [];
    private readonly List<string> _stagesRun = [];
    private Queue<string> _failedOutput = new();

    /// <inheritdoc />
    public int CurrentStep { get; private set; }

    /// <inheritdoc />
    public string? ImageId { get; private set; }

    /// <inheritdoc />
    public string? Error { get; private set; }

    /// <inheritdoc />
    public IReadOnlyList<int> CachedSteps => [.. _cachedSteps];

    /// <inheritdoc />
    public IReadOnlyCollection<string> StepOutput => _failedOutput;

    /// <inheritdoc />
    public (int Step, string Code, string Message)? Reported { get; private set; }

    /// <summary>
    /// Gets the stages that ran, in the Dockerfile's order. BuildKit keeps a stage's result in its cache, not as an
    /// image: only the last stage that ran (the target) ends with one, <see cref="ImageId"/>; the others carry none.
    /// </summary>
    public IReadOnlyList<BuildStage> Stages
    {
        get
        {
            var ran = steps.Where(s => s.Instruction == "FROM" && _stagesRun.Contains(s.Stage!)).ToList();
            return [.. ran.Select(s => new BuildStage(s.Stage!, s.BaseImage!, ImageId: ReferenceEquals(s, ran[^1]) ? ImageId : null))];
        }
    }

    /// <summary>Reads one JSON line of the build stream.</summary>
    public void Report(JsonElement message)
    {
        if (message.TryGetProperty("error", out var error) && error.GetString() is { Length: > 0 } text)
        {
            Error ??= text.Trim();
        }

        var id = message.TryGetProperty("id", out var idValue) ? idValue.GetString() : null;
        if (!message.TryGetProperty("aux", out var aux))
        {
            return;
        }

        if (id == "moby.image.id" && aux.ValueKind == JsonValueKind.Object && aux.TryGetProperty("ID", out var image))
        {
            ImageId = image.GetString();
        }
        else if (id == "moby.buildkit.trace" && aux.ValueKind == JsonValueKind.String)
        {
            OnStatus(StatusResponse.Parser.ParseFrom(aux.GetBytesFromBase64()));
        }
    }

    /// <inheritdoc />
    public void Complete()
    {
        foreach (var vertex in _vertexes.Values)
        {
            Flush(vertex, final: true);
        }
    }

    /// <summary>Reads one decoded status message: vertexes first (a log line names its vertex), then their logs.</summary>
    internal void OnStatus(StatusResponse status)
    {
        foreach (var vertex in status.Vertexes)
        {
            OnVertex(vertex);
        }

        foreach (var entry in status.Logs)
        {
            if (_vertexes.TryGetValue(entry.Vertex, out var vertex))
            {
                vertex.Partial.Append(Encoding.UTF8.GetString(entry.Msg.Span));
                Flush(vertex, final: false);
            }
        }
    }

    private void OnVertex(Vertex update)
    {
        if (!_vertexes.TryGetValue(update.Digest, out var vertex))
        {
            vertex = new Followed(StepOf(update.Name));
            _vertexes[update.Digest] = vertex;
        }

        if (vertex.Step is { } step && !vertex.Announced && (update.Started is not null || update.Cached))
        {
            vertex.Announced = true;
            if (step.Stage is { } stage && !_stagesRun.Contains(stage))
            {
                _stagesRun.Add(stage);
            }

            CurrentStep = Math.Max(CurrentStep, step.Number);
            log.Summary($"Step {step.Number}/{steps.Count} : {step.Text}");
        }

        if (update.Cached && vertex.Step is { } cached && _cachedSteps.Add(cached.Number))
        {
            log.Summary(" ---> Using cache");
        }

        if (update.Error.Length > 0 && !vertex.Failed)
        {
            vertex.Failed = true;
            Flush(vertex, final: true);

            // The first vertex that failed is the build's failure (a cancelled sibling reports one too, later).
            if (Error is null && vertex.Step is { } failed)
            {
                CurrentStep = failed.Number;
                _failedOutput = vertex.Output;
                Error = update.Error.Trim();
            }
            else if (Error is null)
            {
                Error = update.Error.Trim();
            }
        }
    }

    private void Flush(Followed vertex, bool final)
    {
        var text = vertex.Partial.ToString();
        var end = final ? text.Length : text.LastIndexOf('\n') + 1;
        if (end <= 0)
        {
            return;
        }

        foreach (var line in text[..end].Split('\n'))
        {
            var plain = TerminalText.Plain(line);
            if (plain.Trim().Length == 0)
            {
                continue;
            }

            if (Engine.StepOutput.Coded(plain) is { } coded && vertex.Step is { } step)
            {
                Reported = (step.Number, coded.Code, coded.Message);
            }

            _output.MapCompilerError(plain);
            log.Progress(plain);
            Engine.StepOutput.Keep(vertex.Output, plain);
        }

        vertex.Partial.Remove(0, end);
    }

    /// <summary>
    /// The Dockerfile step a vertex runs, from its name: <c>[stage 2/5] RUN …</c> (<c>[2/5] RUN …</c> in a one-stage
    /// Dockerfile), the stage by its <c>AS</c> name or, for a stage without one, <c>stage-N</c> (its index). BuildKit counts
    /// within a stage only the instructions that make a vertex (FROM, RUN, COPY, ADD, WORKDIR), from 1 at FROM; ENV,
    /// USER, LABEL and the like only change the image's config. Null for BuildKit's own vertexes (<c>[internal] load …</c>).
    /// </summary>
    internal DockerfileStep? StepOf(string name)
    {
        if (VertexPattern().Match(name) is not { Success: true } match)
        {
            return null;
        }

        var froms = steps.Where(s => s.Instruction == "FROM").ToList();
        var stage = match.Groups["stage"].Value;
        var index = stage.StartsWith("stage-", StringComparison.Ordinal) ? stage["stage-".Length..] : null;
        var from = stage.Length == 0
            ? (froms.Count == 1 ? froms[0] : null)
            : froms.FirstOrDefault(s => string.Equals(s.Stage, stage, StringComparison.OrdinalIgnoreCase) || (index is not null && s.Stage == index));
        var n = int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return from is null ? null : steps.Where(s => s.Stage == from.Stage && s.Number >= from.Number && MakesVertex(s.Instruction)).ElementAtOrDefault(n - 1);
    }

    private static bool MakesVertex(string instruction) => instruction is "FROM" or "RUN" or "COPY" or "ADD" or "WORKDIR";

    [GeneratedRegex(@"^\[((?<stage>[^\] ]+) )?(?<n>\d+)/\d+\] ", RegexOptions.CultureInvariant)]
    private static partial Regex VertexPattern();

    /// <summary>A vertex as followed: its step (null for BuildKit's own), whether it was announced or failed, its output.</summary>
    private sealed class Followed(DockerfileStep? step)
    {
        public DockerfileStep? Step { get; } = step;

        public bool Announced { get; set; }

        public bool Failed { get; set; }

        public StringBuilder Partial { get; } = new();

        public Queue<string> Output { get; } = new();
    }
}
