using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Build.Framework;

namespace MultiStage.Sdk.Tests.Build;

/// <summary>
/// A property is declared in several places: the schema the package ships (build/MultiStage.Sdk.buildschema.json,
/// the shape SDK containers' own has, which IDEs read), the targets that read it, the task parameter it reaches and
/// the README's tables. These tests keep them the same, so a property cannot be added, renamed or dropped in one only.
/// </summary>
public partial class PropertySchemaTests
{
    private static readonly string Root = RepositoryFiles.Root;

    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "build", "MultiStage.Sdk.buildschema.json"))).RootElement;

    private static readonly string[] MSBuildFiles = [.. Directory.GetFiles(Path.Combine(Root, "build"), "*.targets"), .. Directory.GetFiles(Path.Combine(Root, "build"), "*.props"), .. Directory.GetFiles(Path.Combine(Root, "Sdk"))];

    private static readonly string Readme = File.ReadAllText(Path.Combine(Root, "README.md"));


    private static IReadOnlyList<string> SchemaNames(string section) => [.. Schema.GetProperty(section).EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>The first column of the README table whose header row is <paramref name="header"/>.</summary>
    private static IReadOnlyList<string> ReadmeNames(string header)
    {
        var lines = Readme.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == header);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"the README has no table '{header}'");
        return [.. lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).Select(l => l.Split('|')[1].Trim().Trim('`')).Order(StringComparer.Ordinal)];
    }

    /// <summary>The package's own names the MSBuild files read: <c>$(Container…)</c>/<c>$(MultiStage…)</c> or <c>@(…)</c>, without private ones.</summary>
    private static IReadOnlyList<string> ReadByTargets(char sigil) =>
        [.. MSBuildFiles.SelectMany(f => Reference().Matches(File.ReadAllText(f)))
            .Where(m => m.Groups["sigil"].Value[0] == sigil)
            .Select(m => m.Groups["name"].Value)
            .Except(Outputs, StringComparer.Ordinal)
            .Distinct()
            .Order(StringComparer.Ordinal)];

    /// <summary>What the targets set for the user to read (outputs and the package's own plumbing), not settings.</summary>
    private static readonly string[] Outputs =
    [
        "ContainerImageId", "ContainerImageSize", "ContainerImageDigest", "MultiStageImage", "MultiStageImageLayer", "MultiStageDockerfilePath",
        "MultiStageDockerIgnorePath", "MultiStagePlanPath", "MultiStageReportPath", "MultiStageEjectedDockerfile", "MultiStageTaskAssembly",
        "MultiStageTaskRuntime", "MultiStageTemplatesDirectory", "MultiStageContainerizeDependsOn", "MultiStageSolutionRow",
    ];

    private static void AssertSame(IEnumerable<string> actual, string actualName, IEnumerable<string> expected, string expectedName)
    {
        var (a, e) = (actual.ToHashSet(StringComparer.Ordinal), expected.ToHashSet(StringComparer.Ordinal));
        Assert.That(a.SetEquals(e), $"only in {actualName}: {string.Join(", ", a.Except(e))}; only in {expectedName}: {string.Join(", ", e.Except(a))}");
    }

    [Test]
    public void The_schema_and_the_readme_list_the_same_properties() =>
        AssertSame(SchemaNames("properties"), "the schema", ReadmeNames("| Property | Default | Meaning |"), "the README");

    [Test]
    public void The_schema_and_the_readme_list_the_same_items() =>
        AssertSame(SchemaNames("items"), "the schema", ReadmeNames("| Item | Metadata | Meaning |"), "the README");

    [Test]
    public void Every_property_the_targets_read_is_in_the_schema_and_every_schema_property_is_read() =>
        AssertSame(ReadByTargets('$'), "the targets", SchemaNames("properties"), "the schema");

    [Test]
    public void Every_item_the_targets_read_is_in_the_schema_and_every_schema_item_is_read() =>
        AssertSame(ReadByTargets('@'), "the targets", SchemaNames("items"), "the schema");

    [Test]
    public void Every_schema_entry_has_a_description_and_a_known_type()
    {
        foreach (var section in new[] { "properties", "items" })
        {
            foreach (var entry in Schema.GetProperty(section).EnumerateObject())
            {
                Assert.That(entry.Value.GetProperty("description").GetString(), Is.Not.Empty, entry.Name);
                if (section == "properties")
                {
                    Assert.That(entry.Value.GetProperty("type").GetString(), Is.AnyOf("bool", "string", "int"), entry.Name);
                }
            }
        }
    }

    [Test]
    public void A_schema_default_is_the_one_the_readme_gives()
    {
        var lines = Readme.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == "| Property | Default | Meaning |");
        var readmeDefaults = lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).Select(l => l.Split('|'))
            .ToDictionary(c => c[1].Trim().Trim('`'), c => c[2].Trim());
        foreach (var entry in Schema.GetProperty("properties").EnumerateObject())
        {
            if (entry.Value.TryGetProperty("defaultValue", out var value))
            {
                Assert.That(readmeDefaults[entry.Name], Is.EqualTo($"`{value.GetString()}`"), entry.Name);
            }
        }
    }

    /// <summary>Each task's invocations in the targets set only parameters it has, and every parameter it has is set by some invocation.</summary>
    [Test]
    public void The_targets_set_exactly_the_parameters_each_task_has()
    {
        var assembly = typeof(MultiStage.Sdk.Tasks.MultiStageTask).Assembly;
        var invocations = MSBuildFiles.Where(f => f.EndsWith(".targets", StringComparison.Ordinal)).Select(XDocument.Load)
            .SelectMany(d => d.Descendants().Where(e => e.Parent?.Name.LocalName == "Target"))
            .Select(e => (Task: assembly.GetType($"MultiStage.Sdk.Tasks.{e.Name.LocalName}"), Element: e))
            .Where(t => t.Task is not null)
            .ToList();
        Assert.That(invocations.Select(i => i.Task!.Name).Distinct().ToList(), Has.Count.EqualTo(assembly.GetTypes().Count(t => typeof(ITask).IsAssignableFrom(t) && !t.IsAbstract)), "a task the targets never run");

        foreach (var group in invocations.GroupBy(i => i.Task!))
        {
            var parameters = group.Key.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.DeclaringType != typeof(Microsoft.Build.Utilities.Task) && p.DeclaringType != typeof(MultiStage.Sdk.Tasks.MultiStageTask))
                .Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
            var set = group.SelectMany(i => i.Element.Attributes().Select(a => a.Name.LocalName)).Where(n => n != "Condition").Distinct().Order(StringComparer.Ordinal).ToList();
            AssertSame(set, $"the targets' {group.Key.Name}", parameters, "its parameters");
        }
    }

    [GeneratedRegex(@"(?<sigil>[$@])\((?<name>(?:Container|MultiStage)[A-Za-z]*)[)\-.]")]
    private static partial Regex Reference();
}
