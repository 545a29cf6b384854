namespace MultiStage.Sdk.Engine;

/// <summary>One instruction of a Dockerfile as the engine numbers it: the line it starts on and its stage.</summary>
public sealed record DockerfileStep(int Number, int Line, string Instruction, string Text, string? Stage)
{
    /// <summary>Gets the image a <c>FROM</c> step starts from, or null for any other step.</summary>
    public string? BaseImage => Instruction == "FROM" ? DockerfileSteps.ParseFrom(Text.Split(' ', 2).ElementAtOrDefault(1) ?? "").Image : null;
}

/// <summary>
/// Numbers a Dockerfile's instructions the way the classic builder's "Step N/M" does, so a failing
/// step maps back to its line: continuation lines joined, comments and blank lines skipped, parser
/// directives ignored, stages named by <c>FROM … AS name</c>.
/// </summary>
public static class DockerfileSteps
{
    /// <summary>Parses <paramref name="dockerfile"/> into its numbered steps; with a <paramref name="target"/>, the stages after it are dropped, as the engine drops them.</summary>
    public static IReadOnlyList<DockerfileStep> Parse(string dockerfile, string? target = null)
    {
        var steps = new List<DockerfileStep>();
        var lines = dockerfile.Replace("\r\n", "\n").Split('\n');
        string? stage = null;
        var stageIndex = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var startLine = i + 1;
            var text = line;
            while (text.EndsWith('\\') && i + 1 < lines.Length)
            {
                // Comment and blank lines inside a continuation are dropped, as the engine's parser does.
                var next = lines[++i].Trim();
                while ((next.Length == 0 || next.StartsWith('#')) && i + 1 < lines.Length)
                {
                    next = lines[++i].Trim();
                }

                text = $"{text[..^1].TrimEnd()} {next}";
            }

            var instruction = text.Split(' ', 2)[0].ToUpperInvariant();
            if (instruction == "FROM")
            {
                if (target is not null && stage is not null && stage.Equals(target, StringComparison.OrdinalIgnoreCase))
                {
                    break;
                }

                stageIndex++;
                stage = ParseFrom(text.Split(' ', 2).ElementAtOrDefault(1) ?? "").Name ?? stageIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            steps.Add(new DockerfileStep(steps.Count + 1, startLine, instruction, text, stage));
        }

        return steps;
    }

    /// <summary>Reads a FROM step's arguments, <c>[--platform=…] image [AS name]</c>: the image (empty when none) and the stage's name, or null.</summary>
    internal static (string Image, string? Name) ParseFrom(string arguments)
    {
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var named = words.Length >= 3 && words[^2].Equals("AS", StringComparison.OrdinalIgnoreCase);
        return (words.Length > 0 ? words[0] : "", named ? words[^1] : null);
    }

    /// <summary>Returns the names of the Dockerfile's stages, in order (a stage without <c>AS</c> is named by its index, as the engine names it).</summary>
    public static IReadOnlyList<string> StageNames(string dockerfile) =>
        [.. Parse(dockerfile).Where(s => s.Instruction == "FROM").Select(s => s.Stage!)];
}
