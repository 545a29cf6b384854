using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Reporting;

public class SizeReportTests
{
    [TestCase(0, "0 B")]
    [TestCase(999, "999 B")]
    [TestCase(1_000, "1.00 kB")]
    [TestCase(85_300_000, "85.3 MB")]
    [TestCase(851_000_000, "851 MB")]
    [TestCase(1_234_000_000, "1.23 GB")]
    public void Sizes_read_like_the_docker_cli(long bytes, string text) =>
        Assert.That(ByteSize.Format(bytes), Is.EqualTo(text));

    [Test]
    public void The_summary_line_names_the_image_its_size_and_the_saving() =>
        Assert.That(Report(85_300_000, "build", 851_000_000).Summary, Is.EqualTo("myapp -> myapp:latest  85.3 MB  (builder stage 851 MB, 90 % smaller)"));

    [Test]
    public void An_image_larger_than_its_builder_stage_says_larger() =>
        Assert.That(Report(182_000_000, "vendor", 165_000_000).Summary, Is.EqualTo("myapp -> myapp:latest  182 MB  (builder stage 165 MB, 10 % larger)"));

    [Test]
    public void Without_a_builder_stage_the_summary_has_no_saving() =>
        Assert.That(Report(5_000_000, null, null).Summary, Is.EqualTo("myapp -> myapp:latest  5.00 MB"));

    [Test]
    public void The_added_bytes_are_the_size_less_the_base_images()
    {
        Assert.That(SampleReports.Web.AddedSize, Is.EqualTo(29_411));
        Assert.That(SampleReports.Scratch.AddedSize, Is.EqualTo(5_000_000));
        Assert.That(Report(5_000_000, null, null).AddedSize, Is.EqualTo(5_000_000), "an unknown base counts as nothing");
    }

    private static SizeReport Report(long size, string? builderStage, long? builderSize) => new()
    {
        Project = "myapp",
        Image = "myapp:latest",
        ImageId = "sha256:1",
        Size = size,
        BuilderStage = builderStage,
        BuilderSize = builderSize,
    };
}
