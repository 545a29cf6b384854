using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Reporting;

public class SizeBudgetTests
{
    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void No_value_is_no_budget(string? value) => Assert.That(SizeBudget.Parse(value), Is.Null);

    [Test]
    public void A_value_that_is_not_a_size_is_an_input_error_that_shows_the_accepted_forms()
    {
        var e = Assert.Throws<MultiStageException>(() => SizeBudget.Parse("150 megs"));

        Assert.That(e!.Diagnostic.Code, Is.EqualTo("MSTAGE1021"));
        Assert.That(e.Diagnostic.Message, Does.Contain("'150 megs'").And.Contain("150MB").And.Contain("512MiB"));
    }

    [Test]
    public void An_image_at_or_under_the_limit_fits()
    {
        Assert.That(SizeBudget.Check(SampleReports.Web, SampleReports.Web.Size), Is.Null);
        Assert.That(SizeBudget.Check(SampleReports.Web, null), Is.Null);
    }

    [Test]
    public void An_image_over_the_limit_is_MSTAGE5001_naming_its_three_largest_layers_and_what_to_do()
    {
        var report = SampleReports.Web with
        {
            Layers = [new(1, null, 10, "RUN a"), new(2, null, 40_000_000, "RUN b"), new(3, null, 30, "RUN c"), new(4, null, 2_000, "RUN d"), new(5, null, 0, "USER app")],
        };

        var d = SizeBudget.Check(report, SizeBudget.Parse("150MB"))!;

        Assert.That(d.Code, Is.EqualTo("MSTAGE5001"));
        Assert.That(d.Message, Does.StartWith("The image 'dotnet-web:latest' is 229 MB (229143610 bytes), over ContainerImageSizeLimit 150 MB (150000000 bytes)."));
        Assert.That(d.Message, Does.Contain("Its base image mcr.microsoft.com/dotnet/aspnet:10.0 is 229 MB."));
        Assert.That(d.Message, Does.Contain("The largest layers this build added: 40.0 MB RUN b; 2.00 kB RUN d; 30 B RUN c."));
        Assert.That(SizeBudget.Check(SampleReports.Web, 1_000)!.Message, Does.Contain("The largest layers this build added: 29.4 kB COPY dir:aaaaaaaaaaaa… in ."), "zero-byte layers are not named");
        Assert.That(d.Message, Does.Contain("stays tagged").And.Contain("Raise ContainerImageSizeLimit").And.Contain("ContainerFamily"));
    }
}
