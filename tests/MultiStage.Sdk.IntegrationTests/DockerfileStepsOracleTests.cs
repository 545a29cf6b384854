extern alias sdk;

using System.Text.RegularExpressions;
using sdk::MultiStage.Sdk.Engine;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The docker CLI's classic builder as oracle for step numbering: a failing step is reported at the
/// Dockerfile line of the step the engine names, so this package must number steps exactly as the
/// engine does (ARG before FROM, continuations with comments inside, lower-case instructions, and the
/// stages after a target dropped).
/// </summary>
[NonParallelizable]
public partial class DockerfileStepsOracleTests
{
    private const string Dockerfile = """
        # Arguments before the first FROM: the engine counts those as steps.
        ARG BASE=multistage-standin/debian:12
        ARG GREETING="hello"

        FROM ${BASE} AS first
        ARG GREETING
        RUN echo "$GREETING" \
            # a comment inside the continuation is dropped
            && true
        copy a.txt /a.txt

        FROM first AS second
        ENV A=1 \
            B=2
        RUN true
        FROM ${BASE} AS third
        COPY --from=second /a.txt /b.txt
        """;

    [TestCase(null)]
    [TestCase("first")]
    [TestCase("second")]
    public void Steps_are_numbered_as_the_engine_numbers_them(string? target)
    {
        var context = Path.Combine(IntegrationRun.Directory, "steps-oracle");
        Directory.CreateDirectory(context);
        File.WriteAllText(Path.Combine(context, "a.txt"), "a");
        var tag = $"multistage-it/steps-oracle-{Path.GetFileName(IntegrationRun.Directory)[^6..]}:{target ?? "all"}";
        try
        {
            var (exitCode, output) = DockerCli.Build(context, tag, Dockerfile, target);
            Assert.That(exitCode, Is.Zero, output);

            var engine = StepLine().Matches(output).Select(m => (Number: int.Parse(m.Groups[1].Value), Total: int.Parse(m.Groups[2].Value), Text: Collapse(m.Groups[3].Value))).ToList();
            var ours = DockerfileSteps.Parse(Dockerfile, target);

            Assert.That(engine, Is.Not.Empty, output);
            Assert.That(engine.Select(s => s.Total).Distinct(), Is.EqualTo(new[] { ours.Count }), "the step count");
            Assert.That(ours.Select(s => (s.Number, Collapse(s.Text))), Is.EqualTo(engine.Select(s => (s.Number, s.Text))));
        }
        finally
        {
            DockerCli.RemoveImage(tag);
        }
    }

    [Test]
    public void A_step_maps_to_the_line_it_starts_on()
    {
        var steps = DockerfileSteps.Parse(Dockerfile);
        var lines = Dockerfile.Replace("\r\n", "\n").Split('\n');

        Assert.That(steps.Select(s => lines[s.Line - 1].TrimStart().Split(' ')[0]), Is.EqualTo(steps.Select(s => s.Text.Split(' ')[0])));
        Assert.That(steps.Single(s => s.Text.StartsWith("RUN echo", StringComparison.Ordinal)).Line, Is.EqualTo(7));
    }

    private static string Collapse(string text) => Whitespace().Replace(text.Trim(), " ");

    // Not anchored: the first step may follow the CLI's carriage returns or the colour codes of a warning.
    [GeneratedRegex(@"Step (\d+)/(\d+) : ([^\r\n]*)")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
