using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Reporting;

public class ByteSizeParseTests
{
    [TestCase("123456", 123_456)]
    [TestCase("150MB", 150_000_000)]
    [TestCase("150 MB", 150_000_000)]
    [TestCase("1.2GB", 1_200_000_000)]
    [TestCase("1.2gb", 1_200_000_000)]
    [TestCase("500kB", 500_000)]
    [TestCase("500KB", 500_000)]
    [TestCase("64B", 64)]
    [TestCase("512MiB", 536_870_912)]
    [TestCase("1GiB", 1_073_741_824)]
    [TestCase("2 kib", 2_048)]
    [TestCase(" 1TB ", 1_000_000_000_000)]
    public void A_size_limit_is_bytes_or_a_number_with_a_unit(string text, long bytes)
    {
        Assert.That(ByteSize.TryParse(text, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(bytes));
    }

    [TestCase("")]
    [TestCase("MB")]
    [TestCase("0")]
    [TestCase("0MB")]
    [TestCase("-5MB")]
    [TestCase("150m")]
    [TestCase("150 megabytes")]
    [TestCase("1,2GB")]
    [TestCase("1.5")]
    [TestCase("99999999999TB")]
    [TestCase("99999999999999999999999")]
    public void Anything_else_is_not_a_size(string text) =>
        Assert.That(ByteSize.TryParse(text, out _), Is.False);
}
