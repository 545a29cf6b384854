using System.Text.Json;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Reporting;

public class ReportFileTests
{
    private string _directory = "";

    private string PathOf(string name) => Path.Combine(_directory, name);

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("report-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void The_report_is_camel_case_json_after_its_schema_version()
    {
        ReportFile.Write(PathOf("report.json"), SampleReports.Web);
        using var json = JsonDocument.Parse(File.ReadAllText(PathOf("report.json")));
        var root = json.RootElement;

        Assert.That(root.EnumerateObject().First().Name, Is.EqualTo("schemaVersion"));
        Assert.That(root.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(ReportFile.SchemaVersion));
        Assert.That(root.GetProperty("size").GetInt64(), Is.EqualTo(229_143_610));
        Assert.That(root.GetProperty("baseSize").GetInt64(), Is.EqualTo(229_114_199));
        Assert.That(root.GetProperty("addedSize").GetInt64(), Is.EqualTo(29_411));
        Assert.That(root.GetProperty("percentSmaller").GetInt32(), Is.EqualTo(70));
        Assert.That(root.GetProperty("layers")[2].GetProperty("instruction").GetString(), Does.StartWith("COPY dir:"));
        Assert.That(root.TryGetProperty("summary", out _), Is.False, "the summary line is for the log");
        Assert.That(root.GetProperty("pushed").ValueKind, Is.EqualTo(JsonValueKind.Null), "nothing pushed: present, null");
    }

    [Test]
    public void Instructions_are_written_as_they_read()
    {
        ReportFile.Write(PathOf("report.json"), SampleReports.Scratch with { Layers = [new(1, null, 1, "ENTRYPOINT [\"dotnet\", \"a+b.dll\"]")] });

        Assert.That(File.ReadAllText(PathOf("report.json")), Does.Contain("\"instruction\": \"ENTRYPOINT [\\\"dotnet\\\", \\\"a+b.dll\\\"]\""));
    }

    [TestCaseSource(nameof(Reports))]
    public void What_is_written_reads_back_the_same(SizeReport report)
    {
        ReportFile.Write(PathOf("report.json"), report);
        var read = ReportFile.Read(PathOf("report.json"));

        Assert.That(read, Is.Not.Null);
        Assert.That(read!.Layers, Is.EqualTo(report.Layers));
        Assert.That(read.Tags, Is.EqualTo(report.Tags));
        Assert.That(read.CachedSteps, Is.EqualTo(report.CachedSteps));
        Assert.That(read.Pushed?.References, Is.EqualTo(report.Pushed?.References));
        Assert.That(read.Pushed is null ? null : read.Pushed with { References = report.Pushed!.References }, Is.EqualTo(report.Pushed));
        Assert.That(read with { Layers = report.Layers, Tags = report.Tags, CachedSteps = report.CachedSteps, Pushed = report.Pushed }, Is.EqualTo(report));
        Assert.That(read.Summary, Is.EqualTo(report.Summary));
    }

    [TestCase(null, TestName = "No file is no report")]
    [TestCase("{ \"schemaVersion\": 2, \"project\": \"a\" }", TestName = "A report of another schema version is no report")]
    [TestCase("{ \"project\": \"a\" }", TestName = "A file without a schema version is no report")]
    [TestCase("{ \"schemaVersion\": 1, \"project\": \"a\" }", TestName = "A report without its required properties is no report")]
    [TestCase("not json", TestName = "A file that is not JSON is no report")]
    public void Unusable_files_read_as_null(string? text)
    {
        if (text is not null)
        {
            File.WriteAllText(PathOf("report.json"), text);
        }

        Assert.That(ReportFile.Read(PathOf("report.json")), Is.Null);
    }

    [TestCaseSource(nameof(Reports))]
    public void Every_property_written_is_declared_in_the_packaged_schema_with_its_type(SizeReport report)
    {
        ReportFile.Write(PathOf("report.json"), report);
        using var written = JsonDocument.Parse(File.ReadAllText(PathOf("report.json")));
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "report.schema.json")));

        Assert.That(SchemaCheck.Problems(written.RootElement, schema.RootElement, "$"), Is.Empty);
        Assert.That(schema.RootElement.GetProperty("properties").GetProperty("schemaVersion").GetProperty("const").GetInt32(), Is.EqualTo(ReportFile.SchemaVersion));
    }

    private static IEnumerable<TestCaseData> Reports() =>
    [
        new TestCaseData(SampleReports.Web).SetArgDisplayNames("web"),
        new TestCaseData(SampleReports.Scratch).SetArgDisplayNames("scratch"),
        new TestCaseData(SampleReports.Scratch with { BaseImage = null, BaseSize = null, Tags = [] }).SetArgDisplayNames("unknown base"),
        new TestCaseData(SampleReports.Web with { Pushed = new("127.0.0.1:5000", ["127.0.0.1:5000/dotnet-web:latest", "127.0.0.1:5000/dotnet-web:1.0"], "sha256:" + new string('a', 64)) }).SetArgDisplayNames("pushed"),
    ];
}
