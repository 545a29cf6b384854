using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Reporting;

public class TerminalTextTests
{
    [TestCase("plain\ttext", "plain\ttext")]
    [TestCase("\u001b[31merror\u001b[0m: x", "error: x")]
    [TestCase("\u001b[2K\u001b[1Gdone", "done")]
    [TestCase("\u001b]8;;https://example.com\u001b\\link\u001b]8;;\u001b\\", "link")]
    [TestCase("\u001b(Bbox", "box")]
    [TestCase("10%\r50%\r100%\r", "100%")]
    [TestCase("bell\u0007 and backspace\b", "bell and backspace")]
    public void Escape_codes_and_redrawn_progress_become_what_a_terminal_shows(string line, string expected) =>
        Assert.That(TerminalText.Plain(line), Is.EqualTo(expected));
}
