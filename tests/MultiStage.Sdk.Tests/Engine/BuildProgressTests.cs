using Docker.DotNet.Models;
using MultiStage.Sdk.Engine;

namespace MultiStage.Sdk.Tests.Engine;

public class BuildProgressTests
{
    private static (BuildProgress Progress, RecordingLog Log) Feed(params string[] streams)
    {
        var log = new RecordingLog();
        var progress = new BuildProgress(log);
        foreach (var s in streams)
        {
            progress.Report(new JSONMessage { Stream = s });
        }

        progress.Complete();
        return (progress, log);
    }

    [Test]
    public void Stage_images_cached_steps_and_lines_are_read_from_the_classic_stream()
    {
        var (progress, log) = Feed(
            "Step 1/4 : FROM sdk AS builder", "\n", " ---> 1111aaaa2222\n",
            "Step 2/4 : RUN dotnet restore\n", " ---> Using cache\n", " ---> 3333bbbb4444\n",
            "Step 3/4 : FROM runtime AS final\n", " ---> 5555cccc6666\n",
            "Step 4/4 : COPY --from=builder /app .\n", " ---> Running in 77778888\n", "partial ", "line\n", " ---> 9999dddd0000\n");

        Assert.That(progress.Stages, Is.EqualTo(new[]
        {
            new BuildStage("builder", "sdk", BaseImageId: "1111aaaa2222", ImageId: "3333bbbb4444"),
            new BuildStage("final", "runtime", BaseImageId: "5555cccc6666", ImageId: "9999dddd0000"),
        }));
        Assert.That(progress.CachedSteps, Is.EqualTo(new[] { 2 }));
        Assert.That(progress.CurrentStep, Is.EqualTo(4));
        Assert.That(log.Lines, Does.Contain("partial line"));
    }

    [Test]
    public void A_stage_from_scratch_has_no_base_and_an_unnamed_stage_is_known_by_its_index()
    {
        var (progress, _) = Feed(
            "Step 1/4 : FROM --platform=linux/amd64 golang:1.22\n", " ---> aaaa1111bbbb\n",
            "Step 2/4 : RUN go build\n", " ---> Running in 0123456789ab\n", " ---> cccc2222dddd\n",
            "Step 3/4 : FROM scratch\n",
            "Step 4/4 : COPY --from=0 /app /app\n", " ---> eeee3333ffff\n");

        Assert.That(progress.Stages, Is.EqualTo(new[]
        {
            new BuildStage("0", "golang:1.22", BaseImageId: "aaaa1111bbbb", ImageId: "cccc2222dddd"),
            new BuildStage("1", "scratch", BaseImageId: null, ImageId: "eeee3333ffff"),
        }));
    }

    [Test]
    public void The_first_error_in_the_stream_is_kept_with_its_step()
    {
        var log = new RecordingLog();
        var progress = new BuildProgress(log);
        progress.Report(new JSONMessage { Stream = "Step 3/7 : RUN dotnet restore\n" });
        progress.Report(new JSONMessage { Error = new JSONError { Code = 1, Message = "The command '/bin/sh -c dotnet restore' returned a non-zero code: 1" } });
        progress.Report(new JSONMessage { Error = new JSONError { Message = "later" } });

        Assert.That(progress.Error, Does.StartWith("The command"));
        Assert.That(progress.CurrentStep, Is.EqualTo(3));
    }

    [Test]
    public void A_coded_line_printed_by_a_failing_step_becomes_the_error_at_that_step()
    {
        var progress = new BuildProgress(new RecordingLog());
        progress.Report(new JSONMessage { Stream = "Step 7/12 : RUN { command -v clang\n" });
        progress.Report(new JSONMessage { Stream = "MSTAGE4005: the builder image has no clang.\n" });

        Assert.That(progress.Reported, Is.EqualTo((7, "MSTAGE4005", "the builder image has no clang.")));
    }

    [Test]
    public void The_image_id_comes_from_the_aux_message()
    {
        var progress = new BuildProgress(new RecordingLog());
        progress.Report(new JSONMessage { Aux = new ObjectExtensionData { ExtensionData = new Dictionary<string, object> { ["ID"] = "sha256:abc" } } });
        Assert.That(progress.ImageId, Is.EqualTo("sha256:abc"));
    }

    [Test]
    public void A_steps_output_is_kept_until_the_next_step_to_show_again_if_it_fails()
    {
        var (progress, _) = Feed(
            "Step 1/2 : RUN echo one\n", " ---> Running in 1234\n", "one\n", " ---> 1111aaaa2222\n",
            "Step 2/2 : RUN make\n", " ---> Running in 5678\n",
            string.Concat(Enumerable.Range(1, StepOutput.Lines + 5).Select(i => $"line {i}\n")));

        Assert.That(progress.StepOutput, Has.Count.EqualTo(StepOutput.Lines));
        Assert.That(progress.StepOutput.Last(), Is.EqualTo($"line {StepOutput.Lines + 5}"));
        Assert.That(progress.StepOutput, Has.None.EqualTo("one"));
    }

    [Test]
    public void What_a_step_prints_for_a_terminal_reaches_the_log_as_plain_text()
    {
        var (_, log) = Feed(
            "Step 1/2 : FROM node AS builder\n",
            "Step 2/2 : RUN npm ci\n",
            "\u001b[1mnpm\u001b[22m \u001b[33mwarn\u001b[39m deprecated inflight@1.0.6\n",
            "\u001b]0;npm install\u0007added 120 packages\n",
            "[####      ] 40%\r[##########] 100%\n");

        Assert.That(log.Lines, Does.Contain("npm warn deprecated inflight@1.0.6").And.Contain("added 120 packages").And.Contain("[##########] 100%"));
        // Ordinal: a culture-aware search ignores control characters and finds them in every string.
        Assert.That(log.Lines, Has.None.Matches<string>(l => l.Contains('\u001b', StringComparison.Ordinal) || l.Contains('\r', StringComparison.Ordinal)));
    }

    [Test]
    public void The_engines_remarks_are_not_what_a_step_printed()
    {
        var (progress, _) = Feed("Step 1/2 : FROM sdk\n", " ---> 1111aaaa2222\n", "Step 2/2 : RUN false\n", " ---> Running in 77778888\n", "Removing intermediate container 77778888\n");

        Assert.That(progress.StepOutput, Is.Empty);
    }
}
