using System.Text.RegularExpressions;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>What a dotnet command (most often <c>dotnet publish</c>) printed, and the outputs the test project's probe target echoed.</summary>
internal sealed partial record PublishResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Gets how long the command took to end after it was interrupted (SIGINT), when it was.</summary>
    public TimeSpan? StoppedAfterInterrupt { get; init; }

    public string[] Lines => Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>Gets ContainerImageSize as MSBuild set it, echoed by the probe target.</summary>
    public long ImageSize => long.Parse(Probe("ContainerImageSize"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Gets ContainerImageId as MSBuild set it.</summary>
    public string ImageId => Probe("ContainerImageId");

    /// <summary>Gets ContainerImageDigest as MSBuild set it (empty when nothing was pushed).</summary>
    public string ImageDigest => Probe("ContainerImageDigest");

    /// <summary>Gets the MultiStageImage items' push metadata, one per tag.</summary>
    public IReadOnlyList<Dictionary<string, string>> PushedImages => ProbeItems("MultiStagePushedImage", ["Identity", "Registry", "Digest", "PushedReference"]);

    /// <summary>Gets ContainerRepository as the build saw it (the package's default unless set).</summary>
    public string Repository => Probe("ContainerRepository");

    /// <summary>Gets the MultiStageImage items the probe echoed, one per tag: the tag, then its metadata by name.</summary>
    public IReadOnlyList<Dictionary<string, string>> Images => ProbeItems("MultiStageImage", ["Identity", "ImageId", "Size", "BaseImage", "BaseSize", "AddedSize", "BuilderStage", "BuilderSize", "PercentSmaller", "BuildFrom"]);

    /// <summary>Gets the MultiStageImageLayer items the probe echoed, in build order, with their metadata by name.</summary>
    public IReadOnlyList<Dictionary<string, string>> Layers => ProbeItems("MultiStageImageLayer", ["Index", "Size", "Instruction"]);

    /// <summary>Gets the line the build ends with, <c>&lt;project&gt; -&gt; &lt;reference&gt;  &lt;size&gt;  (builder stage …)</c>, or null.</summary>
    public string? SummaryLine(string project, string reference) =>
        Lines.SingleOrDefault(l => l.Contains($"{project} -> {reference}  ", StringComparison.Ordinal))?.Trim();

    /// <summary>
    /// Gets whether the engine took the step of <paramref name="instruction"/> (e.g. <c>COPY app/ .</c>, or the
    /// start of one: <c>RUN dotnet restore</c>) from its cache: the classic builder prints <c>---&gt; Using cache</c>
    /// right after the step's line. Fails the test when the log has no such step.
    /// </summary>
    public bool StepCached(string instruction)
    {
        var lines = StepLines;
        var step = lines.FindIndex(l => l.Contains($" : {instruction}", StringComparison.Ordinal));
        Assert.That(step, Is.GreaterThan(0), $"no step '{instruction}' in the log:\n{this}");
        return lines[step + 1] == "---> Using cache";
    }

    /// <summary>Gets whether the log shows a step of <paramref name="instruction"/> (or one that starts so) starting.</summary>
    public bool RanStep(string instruction) => StepLines.Any(l => l.Contains($" : {instruction}", StringComparison.Ordinal));

    /// <summary>The log's lines trimmed, a BuildKit RUN's cache mounts (RUN --mount=… dotnet restore) left out: they are not the instruction.</summary>
    private List<string> StepLines => [.. Lines.Select(l => MountFlags().Replace(l.Trim(), ""))];

    /// <summary>
    /// Gets the shape of the summary's figures: sizes as the docker CLI prints them, and how the final image
    /// compares with the builder stage, never as a negative saving (a PHP-FPM image can outweigh its composer stage),
    /// or, for an image made from a .NET publish, the runtime identifier it is for.
    /// </summary>
    public static Regex SummaryFigures { get; } = SummaryFiguresRegex();

    private string Probe(string name)
    {
        var match = Regex.Match(Output, $@"PROBE {name}=(\S*)");
        Assert.That(match.Success, $"The probe did not print {name}:\n{Output}");
        return match.Groups[1].Value;
    }

    /// <summary>The items the probe printed as <c>PROBE name=a|b|…</c>, the last field taking the rest of the line (an instruction may hold '|').</summary>
    private List<Dictionary<string, string>> ProbeItems(string name, string[] metadata) =>
        [.. Lines.Select(l => l.Trim()).Where(l => l.StartsWith($"PROBE {name}=", StringComparison.Ordinal))
            .Select(l => l[$"PROBE {name}=".Length..].Split('|', metadata.Length))
            .Select(values => metadata.Zip(values).ToDictionary(p => p.First, p => p.Second))];

    public override string ToString() => $"exit {ExitCode}\n{Output}";

    [GeneratedRegex(@"  \d[\d.]* (B|kB|MB|GB)  \((builder stage \d[\d.]* (kB|MB|GB), \d+ % (smaller|larger)|from the publish output for linux(-musl)?-(x64|arm64), no build in the engine)\)$")]
    private static partial Regex SummaryFiguresRegex();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<= : RUN )(--mount=\S+ )+")]
    private static partial System.Text.RegularExpressions.Regex MountFlags();
}
