using System.Text.Json;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The size report of the web sample's one publish: report.json, the MSBuild items and the log table
/// hold the engine's own figures (image inspect, image history), and ContainerImageSizeLimit holds.
/// </summary>
public partial class WebAppTests
{
    /// <summary>The budget of the fixture's publish: above the ~230 MB image, so the publish passes.</summary>
    private const string BudgetAbove = "1.2GB";

    [Test]
    [Order(1)]
    public async Task The_report_json_holds_the_engines_sizes_of_the_image_its_base_and_each_added_layer()
    {
        using var report = ReadReport();
        var root = report.RootElement;
        var image = await Engine.InspectAsync(App.Reference);
        var baseImage = await Engine.InspectAsync("mcr.microsoft.com/dotnet/aspnet:10.0");
        var history = await Engine.HistoryAsync(App.Reference);
        var baseHistory = await Engine.HistoryAsync(baseImage.ID);

        Assert.That(root.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("imageId").GetString(), Is.EqualTo(image.ID));
        Assert.That(root.GetProperty("size").GetInt64(), Is.EqualTo(image.Size));
        Assert.That(root.GetProperty("baseImage").GetString(), Is.EqualTo("mcr.microsoft.com/dotnet/aspnet:10.0"));
        Assert.That(root.GetProperty("baseImageId").GetString(), Is.EqualTo(baseImage.ID));
        Assert.That(root.GetProperty("baseSize").GetInt64(), Is.EqualTo(baseImage.Size));
        Assert.That(root.GetProperty("addedSize").GetInt64(), Is.EqualTo(image.Size - baseImage.Size));
        // Made from the publish output: there is no builder stage to compare with.
        Assert.That(root.GetProperty("buildFrom").GetString(), Is.EqualTo("publish"));
        Assert.That(root.GetProperty("runtimeIdentifier").GetString(), Is.EqualTo("linux-x64"));
        Assert.That(root.GetProperty("builderStage").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(root.GetProperty("builderSize").ValueKind, Is.EqualTo(JsonValueKind.Null));

        // The history lists the newest entry first; the report lists the added layers in build order.
        var added = history.Take(history.Count - baseHistory.Count).Reverse().ToList();
        var layers = root.GetProperty("layers").EnumerateArray().ToList();
        Assert.That(layers.Select(l => l.GetProperty("size").GetInt64()), Is.EqualTo(added.Select(h => h.Size)));
        // BuildKit leaves no image for a step: its history entries have no id ("<missing>"), which the report gives as null.
        Assert.That(layers.Select(l => l.GetProperty("id").GetString()), Is.EqualTo(added.Select(h => h.ID == "<missing>" ? null : h.ID)));
        Assert.That(layers.Select(l => l.GetProperty("instruction").GetString()), Is.EqualTo(new[]
        {
            "WORKDIR /app", "EXPOSE 8080", "USER 1654", "ENTRYPOINT [\"dotnet\" \"dotnet-web.dll\"]",
            "LABEL org.opencontainers.image.title=dotnet-web org.opencontainers.image.version=1.0.0", layers[5].GetProperty("instruction").GetString(),
        }));
        Assert.That(layers[5].GetProperty("instruction").GetString(), Does.Match(@"^COPY (dir:[0-9a-f]+ in \.|app/ \.)$"), "the classic builder records COPY dir:<hash> in ., BuildKit the instruction");
        Assert.That(layers.Sum(l => l.GetProperty("size").GetInt64()), Is.EqualTo(image.Size - baseImage.Size), "the added layers make up the added bytes");
    }

    [Test]
    [Order(1)]
    public void The_msbuild_items_carry_the_reports_figures()
    {
        using var report = ReadReport();
        var root = report.RootElement;
        var image = Published.Images.Single();
        string Text(string name) => root.GetProperty(name).ToString();

        Assert.That(image["Identity"], Is.EqualTo(App.Reference));
        foreach (var (metadata, property) in new[] { ("ImageId", "imageId"), ("Size", "size"), ("BaseImage", "baseImage"), ("BaseSize", "baseSize"), ("AddedSize", "addedSize"), ("BuilderStage", "builderStage"), ("BuilderSize", "builderSize"), ("PercentSmaller", "percentSmaller"), ("BuildFrom", "buildFrom") })
        {
            Assert.That(image[metadata], Is.EqualTo(Text(property)), metadata);
        }

        var layers = root.GetProperty("layers").EnumerateArray().ToList();
        Assert.That(Published.Layers.Select(l => (l["Index"], l["Size"], l["Instruction"])), Is.EqualTo(layers.Select(l => (l.GetProperty("index").ToString(), l.GetProperty("size").ToString(), l.GetProperty("instruction").GetString()))));
    }

    [Test]
    [Order(1)]
    public void The_log_shows_a_layer_table_before_the_summary_line()
    {
        var lines = Published.Lines.Select(l => l.Trim()).ToList();
        var heading = lines.FindIndex(l => l.StartsWith($"{App.Reference} is ", StringComparison.Ordinal));
        var summary = lines.FindIndex(l => l.StartsWith($"{App.ProjectName} -> {App.Reference}  ", StringComparison.Ordinal));

        Assert.That(heading, Is.GreaterThan(0), Published.ToString());
        Assert.That(lines[heading], Does.Match(@" is \d[\d.]* MB: \d[\d.]* MB from its base image, \d[\d.]* kB added by this build in 6 layers$"));
        Assert.That(lines[heading + 2], Does.Match(@"^\d[\d.]* MB  █{20}  FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0 \(base image\)$"));
        Assert.That(lines.Skip(heading).Take(summary - heading), Has.Some.Match(@"^\d[\d.]* kB  ▏ +COPY (dir:[0-9a-f]{12}… in \.|app/ \.)$"));
        Assert.That(summary, Is.EqualTo(heading + 5), "the summary line comes right after the table (header, base, the metadata layers in one row, the app)");
    }

    [Test]
    [Order(1)]
    public void A_budget_of_exactly_the_image_size_passes_and_one_byte_less_fails()
    {
        // The image is up to date: only the budget differs, and it is checked at its bound.
        var exactly = App.Publish([$"-p:ContainerImageSizeLimit={Published.ImageSize}"]);
        var under = App.Publish([$"-p:ContainerImageSizeLimit={Published.ImageSize - 1}"]);

        Assert.That(exactly.Succeeded, exactly.ToString());
        Assert.That(under.Succeeded, Is.False, under.ToString());
        Assert.That(under.Output, Does.Contain("error MSTAGE5001").And.Contain($"({Published.ImageSize - 1} bytes)"));
    }

    [Test]
    [Order(1)]
    public async Task A_budget_below_the_image_size_fails_with_MSTAGE5001_naming_the_largest_layers_and_the_image_stays_tagged()
    {
        var publish = App.Publish(["-p:ContainerImageSizeLimit=200MB"]);
        // The error is printed where it happens and again in MSBuild's closing summary.
        var error = publish.Lines.FirstOrDefault(l => l.Contains("error MSTAGE5001:", StringComparison.Ordinal));

        Assert.That(publish.Succeeded, Is.False, publish.ToString());
        Assert.That(error, Is.Not.Null, publish.ToString());
        Assert.That(error, Does.Contain($"The image '{App.Reference}' is ").And.Contain("over ContainerImageSizeLimit 200 MB (200000000 bytes)"));
        Assert.That(error, Does.Match(@"The largest layers this build added: \d[\d.]* kB COPY (dir:[0-9a-f]{12}… in \.|app/ \.)\."));
        Assert.That(error, Does.Contain("stays tagged").And.Contain("Raise ContainerImageSizeLimit"));
        Assert.That((await Engine.InspectAsync(App.Reference)).ID, Is.EqualTo(Published.ImageId), "over budget, the image stays tagged for inspection");
    }

    private JsonDocument ReadReport() => JsonDocument.Parse(File.ReadAllText(Path.Combine(App.RenderedDirectory, "report.json")));
}
