using System.Xml.Linq;

namespace MultiStage.Sdk.Tests.Build;

/// <summary>
/// Visual Studio's MSBuild runs on .NET Framework, where this .NET task assembly can only run in
/// MSBuild 18's .NET task host. MSBuildRuntimeType cannot be faked in a test, so this reads the
/// targets as MSBuild would: which runtime each UsingTask asks for, under which condition.
/// </summary>
public class TaskRegistrationTests
{
    private static readonly XDocument Targets = XDocument.Load(Path.Combine(RepositoryRoot(), "build", "MultiStage.Sdk.targets"));

    private static readonly XDocument Props = XDocument.Load(Path.Combine(RepositoryRoot(), "build", "MultiStage.Sdk.props"));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MultiStage.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MultiStage.Sdk.sln not found above the tests.");
    }

    private static IEnumerable<XElement> Elements(string name) => Targets.Descendants().Where(e => e.Name.LocalName == name);

    [TestCase("Full", "NET")]
    [TestCase("Core", "CurrentRuntime")]
    public void The_task_runtime_follows_the_msbuild_runtime(string msbuildRuntime, string expected)
    {
        // Evaluate the MultiStageTaskRuntime property group's conditions for the given MSBuildRuntimeType.
        string? value = null;
        foreach (var property in Props.Descendants().Where(e => e.Name.LocalName == "MultiStageTaskRuntime"))
        {
            var condition = property.Attribute("Condition")?.Value ?? "";
            var applies = condition
                .Replace("'$(MultiStageTaskRuntime)' == ''", value is null ? "true" : "false", StringComparison.Ordinal)
                .Replace("'$(MSBuildRuntimeType)' == 'Full'", msbuildRuntime == "Full" ? "true" : "false", StringComparison.Ordinal)
                .Split(" and ")
                .All(part => part.Trim() == "true");
            if (applies)
            {
                value = property.Value;
            }
        }

        Assert.That(value, Is.EqualTo(expected));
    }

    [Test]
    public void Every_task_is_registered_from_the_packaged_assembly_with_that_runtime()
    {
        var usingTasks = Elements("UsingTask").ToList();

        Assert.That(usingTasks.Select(u => u.Attribute("TaskName")!.Value), Is.EquivalentTo(new[]
        {
            "MultiStage.Sdk.Tasks.ResolveMultiStageImageNames", "MultiStage.Sdk.Tasks.RenderMultiStageDockerfile", "MultiStage.Sdk.Tasks.BuildMultiStageImage", "MultiStage.Sdk.Tasks.PushMultiStageImage", "MultiStage.Sdk.Tasks.EjectMultiStageDockerfile",
        }));
        Assert.That(usingTasks.Select(u => (u.Attribute("AssemblyFile")?.Value, u.Attribute("Runtime")?.Value)),
            Has.All.EqualTo(("$(MultiStageTaskAssembly)", "$(MultiStageTaskRuntime)")));
    }

    [Test]
    public void An_msbuild_too_old_to_host_dotnet_tasks_gets_a_coded_error()
    {
        var error = Elements("Error").Single(e => e.Attribute("Code")?.Value == "MSTAGE1019");
        Assert.That(error.Attribute("Condition")!.Value, Does.Contain("'$(MSBuildRuntimeType)' == 'Full'").And.Contain("18.0"));
    }

    [Test]
    public void The_targets_recognise_an_ejected_Dockerfile_by_the_marker_eject_writes()
    {
        var condition = Targets.Descendants().Single(e => e.Name.LocalName == "MultiStageDockerfile").Attribute("Condition")!.Value;
        var prefix = System.Text.RegularExpressions.Regex.Match(condition, @"StartsWith\('([^']*)'\)").Groups[1].Value;

        Assert.That(prefix, Is.Not.Empty);
        Assert.That(MultiStage.Sdk.Rendering.Eject.Marker, Does.StartWith(prefix));
    }
}
