using MultiStage.Sdk.Engine;

namespace MultiStage.Sdk.Tests.Engine;

public class DockerfileStepsTests
{
    private const string Dockerfile = """
        # a comment
        FROM sdk AS build
        WORKDIR /src

        RUN echo one \
            # a comment inside a continuation
            && echo two
        COPY . .
        FROM runtime AS final
        COPY --from=builder /app .
        ENTRYPOINT ["app"]
        """;

    [Test]
    public void Steps_are_numbered_as_the_engine_numbers_them_and_keep_their_first_line()
    {
        var steps = DockerfileSteps.Parse(Dockerfile);

        Assert.That(steps.Select(s => (s.Number, s.Line, s.Instruction)), Is.EqualTo(new[]
        {
            (1, 2, "FROM"), (2, 3, "WORKDIR"), (3, 5, "RUN"), (4, 8, "COPY"), (5, 9, "FROM"), (6, 10, "COPY"), (7, 11, "ENTRYPOINT"),
        }));
        Assert.That(steps[2].Text, Is.EqualTo("RUN echo one && echo two"));
        Assert.That(steps.Select(s => s.Stage).Distinct(), Is.EqualTo(new[] { "build", "final" }));
    }

    [Test]
    public void A_target_drops_the_stages_after_it() =>
        Assert.That(DockerfileSteps.Parse(Dockerfile, "build").Select(s => s.Number), Is.EqualTo(new[] { 1, 2, 3, 4 }));
}
