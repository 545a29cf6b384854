using MultiStage.Sdk.Pipeline;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Pipeline;

public class SmokeSettingsTests
{
    [TestCase(null, 3)]
    [TestCase("", 3)]
    [TestCase(" 10 ", 10)]
    [TestCase("300", 300)]
    public void The_seconds_default_to_three(string? value, int expected) => Assert.That(SmokeSettings.Seconds(value), Is.EqualTo(expected));

    [TestCase("0")]
    [TestCase("301")]
    [TestCase("-1")]
    [TestCase("2.5")]
    [TestCase("soon")]
    public void Seconds_that_are_not_a_whole_number_from_1_to_300_are_MSTAGE1047(string value) =>
        Assert.That(Assert.Throws<MultiStageException>(() => SmokeSettings.Seconds(value))!.Diagnostic.Code, Is.EqualTo("MSTAGE1047"));

    [TestCase(null, "none")]
    [TestCase("Host", "host")]
    [TestCase("none", "none")]
    public void The_network_is_loopback_only_unless_host_is_asked_for(string? value, string expected) => Assert.That(SmokeSettings.Network(value), Is.EqualTo(expected));

    [Test]
    public void Another_network_is_MSTAGE1047() =>
        Assert.That(Assert.Throws<MultiStageException>(() => SmokeSettings.Network("bridge"))!.Diagnostic.Code, Is.EqualTo("MSTAGE1047"));
}
