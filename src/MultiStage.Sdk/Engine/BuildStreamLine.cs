using System.Text.RegularExpressions;

namespace MultiStage.Sdk.Engine;

/// <summary>What a line of the build stream says, as far as following the build needs.</summary>
internal enum BuildLineKind
{
    /// <summary>Anything a step printed, and the engine's other remarks.</summary>
    Output,

    /// <summary>A step starts.</summary>
    Step,

    /// <summary>The engine took the current step from its cache.</summary>
    Cached,

    /// <summary>The image the current step (or a stage's commit) produced.</summary>
    Image,

    /// <summary>The classic builder's own bookkeeping: the step's container started or removed; nothing the step printed.</summary>
    Remark,
}

/// <summary>
/// One line of a build stream, read in the dialect of the engine that printed it. Docker's classic builder:
/// <c>Step 4/9 : RUN …</c>, <c> ---&gt; Using cache</c>, <c> ---&gt; 1a2b3c4d5e6f</c>. Podman (Buildah):
/// <c>[2/2] STEP 3/5: RUN …</c> (the prefix only in a multi-stage build; the step counted within its stage),
/// <c>--&gt; Using cache &lt;full id&gt;</c>, <c>--&gt; 1a2b3c4d5e6</c> (11 digits).
/// </summary>
/// <param name="Kind">What the line says.</param>
/// <param name="Step">For a step: its number, Docker's over the whole Dockerfile, Podman's within its stage.</param>
/// <param name="Stage">For a Podman step: its stage's index in the Dockerfile, from 1; 0 when the engine does not say.</param>
/// <param name="Instruction">For a step: the instruction (<c>FROM</c>, <c>RUN</c>…).</param>
/// <param name="Arguments">For a step: the rest of its text.</param>
/// <param name="ImageId">For an image or a cached step: the id the engine printed, when it printed one.</param>
internal sealed partial record BuildStreamLine(BuildLineKind Kind, int Step = 0, int Stage = 0, string Instruction = "", string Arguments = "", string? ImageId = null)
{
    private static readonly BuildStreamLine Other = new(BuildLineKind.Output);

    private static readonly BuildStreamLine Remark = new(BuildLineKind.Remark);

    /// <summary>Reads <paramref name="line"/> as <paramref name="engine"/> prints it.</summary>
    public static BuildStreamLine Parse(string line, EngineKind engine) =>
        engine == EngineKind.Podman ? ParsePodman(line) : ParseDocker(line);

    /// <summary>
    /// The engine's error without what the failing step's line (<paramref name="stepText"/>) already says:
    /// Podman's reads <c>building at STEP "RUN make": while running runtime: exit status 1</c>.
    /// </summary>
    public static string ErrorText(string error, EngineKind engine, string stepText)
    {
        var prefix = $"building at STEP \"{stepText}\": ";
        return engine == EngineKind.Podman && stepText.Length > 0 && error.StartsWith(prefix, StringComparison.Ordinal) ? error[prefix.Length..].Trim() : error;
    }

    private static BuildStreamLine ParseDocker(string line)
    {
        if (DockerStepPattern().Match(line) is { Success: true } step)
        {
            return new(BuildLineKind.Step, Number(step.Groups["n"]), 0, step.Groups["instruction"].Value, step.Groups["rest"].Value);
        }

        if (!line.StartsWith(" ---> ", StringComparison.Ordinal))
        {
            return line.StartsWith("Removing intermediate container ", StringComparison.Ordinal) ? Remark : Other;
        }

        var rest = line[6..].Trim();
        return rest == "Using cache" ? new(BuildLineKind.Cached)
            : ImageIdPattern().IsMatch(rest) ? new(BuildLineKind.Image, ImageId: rest)
            : rest.StartsWith("Running in ", StringComparison.Ordinal) ? Remark
            : Other;
    }

    private static BuildStreamLine ParsePodman(string line)
    {
        if (PodmanStepPattern().Match(line) is { Success: true } step)
        {
            var stage = step.Groups["stage"].Success ? Number(step.Groups["stage"]) : 1;
            return new(BuildLineKind.Step, Number(step.Groups["n"]), stage, step.Groups["instruction"].Value, step.Groups["rest"].Value);
        }

        if (!line.StartsWith("--> ", StringComparison.Ordinal))
        {
            return Other;
        }

        var rest = line[4..].Trim();
        if (rest.StartsWith("Using cache", StringComparison.Ordinal))
        {
            var id = rest["Using cache".Length..].Trim();
            return new(BuildLineKind.Cached, ImageId: ImageIdPattern().IsMatch(id) ? id : null);
        }

        return ImageIdPattern().IsMatch(rest) ? new(BuildLineKind.Image, ImageId: rest) : Other;
    }

    private static int Number(Group group) => int.Parse(group.Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Step (?<n>\d+)/\d+ : (?<instruction>\S+)\s*(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex DockerStepPattern();

    [GeneratedRegex(@"^(\[(?<stage>\d+)/\d+\] )?STEP (?<n>\d+)/\d+: (?<instruction>\S+)\s*(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex PodmanStepPattern();

    // Docker prints 12 hex digits, Podman 11; both print the full 64 in places.
    [GeneratedRegex("^[0-9a-f]{11,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ImageIdPattern();
}
