using MultiStage.Sdk.Tasks;
using MultiStage.Sdk.Tests.Reporting;

namespace MultiStage.Sdk.Tests.Tasks;

public class ReportItemsTests
{
    [Test]
    public void Each_tag_is_an_image_item_with_the_reports_figures()
    {
        var items = ReportItems.Images(SampleReports.Web);

        Assert.That(items.Select(i => i.ItemSpec), Is.EqualTo(new[] { "dotnet-web:latest", "dotnet-web:1.0" }));
        Assert.That(items[1].GetMetadata("Size"), Is.EqualTo("229143610"));
        Assert.That(items[1].GetMetadata("BaseImage"), Is.EqualTo("mcr.microsoft.com/dotnet/aspnet:10.0"));
        Assert.That(items[1].GetMetadata("BaseSize"), Is.EqualTo("229114199"));
        Assert.That(items[1].GetMetadata("AddedSize"), Is.EqualTo("29411"));
        Assert.That(items[1].GetMetadata("BuilderStage"), Is.EqualTo("builder"));
        Assert.That(items[1].GetMetadata("BuilderSize"), Is.EqualTo("770000000"));
        Assert.That(items[1].GetMetadata("PercentSmaller"), Is.EqualTo("70"));
    }

    [Test]
    public void Each_added_layer_is_an_item_in_build_order_and_its_instruction_arrives_as_written()
    {
        var items = ReportItems.Layers(SampleReports.Scratch);

        Assert.That(items.Select(i => i.ItemSpec), Is.EqualTo(new[] { "1", "sha256:2" }));
        Assert.That(items.Select(i => i.GetMetadata("Index")), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(items[1].GetMetadata("Size"), Is.EqualTo("1000000"));
        Assert.That(items[1].GetMetadata("Instruction"), Is.EqualTo("RUN make; echo '$(done)' 100%"));
        Assert.That(ReportItems.Escape("a;b%20$(c)"), Is.EqualTo("a%3bb%2520%24%28c%29"));
    }
}
