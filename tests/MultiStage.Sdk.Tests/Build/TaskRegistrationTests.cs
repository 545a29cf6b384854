using System.Xml.Linq;

namespace MultiStage.Sdk.Tests.Build;

/// <summary>
/// Visual Studio's MSBuild runs on .NET Framework, where this .NET task assembly can only run in
/// MSBuild 18's .NET task host. MSBuildRuntimeType cannot be faked in a test, so this reads the
/// targets as MSBuild would: which runtime each UsingTask asks for, under which condition.
/// </summary>
public class TaskRegistrationTests
{
    private static readonly XDocument Targets = XDocument.Load(Path.Combine(RepositoryFiles.Root, "build", "MultiStage.Sdk.targets"));

    private static readonly XDocument Props = XDocument.Load(Path.Combine(RepositoryFiles.Root, "build", "MultiStage.Sdk.props"));


    private static IEnumerable<XElement> Elements(string name) => Targets.Descendants().Where(e => e.Name.LocalName == name);

    [TestCase("Full", "NET")]
    [TestCase("Core", "CurrentRuntime")]
    public void The_task_runtime_follows_the_msbuild_runtime(string msbuildRuntime, string expected)
    {
        // MSBuild evaluates the props for real; only MSBuildRuntimeType, which no build may set, is read from a property the test sets.
        using var folder = new TempProject();
        var props = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "build", "MultiStage.Sdk.props")).Replace("$(MSBuildRuntimeType)", "$(TestRuntimeType)", StringComparison.Ordinal);
        Assert.That(props, Does.Contain("$(TestRuntimeType)"), "the props no longer read MSBuildRuntimeType");
        folder.Write("build/MultiStage.Sdk.props", props);
        var project = folder.Write("probe.proj", """<Project><Import Project="build/MultiStage.Sdk.props" /></Project>""");

        Assert.That(Evaluate(project, "MultiStageTaskRuntime", $"-p:TestRuntimeType={msbuildRuntime}"), Is.EqualTo(expected));
    }

    [Test]
    public void The_old_msbuild_error_says_what_Diagnostics_says()
    {
        var error = Elements("Error").Single(e => e.Attribute("Code")?.Value == "MSTAGE1019");

        Assert.That(error.Attribute("Text")!.Value, Is.EqualTo(MultiStage.Sdk.Reporting.Diagnostics.MSBuildTooOld("$(MSBuildVersion)").Message));
    }

    private static string Evaluate(string project, string property, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", ["msbuild", project, $"-getProperty:{property}", "-nologo", .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, output + process.StandardError.ReadToEnd());
        return output.Trim();
    }

    [Test]
    public void Every_task_is_registered_from_the_packaged_assembly_with_that_runtime()
    {
        var usingTasks = Elements("UsingTask").ToList();

        Assert.That(usingTasks.Select(u => u.Attribute("TaskName")!.Value), Is.EquivalentTo(new[]
        {
            "MultiStage.Sdk.Tasks.ResolveMultiStageImageNames", "MultiStage.Sdk.Tasks.RenderMultiStageDockerfile", "MultiStage.Sdk.Tasks.BuildMultiStageImage", "MultiStage.Sdk.Tasks.PushMultiStageImage", "MultiStage.Sdk.Tasks.EjectMultiStageDockerfile",
            "MultiStage.Sdk.Tasks.StartMultiStageEngineConnection",
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
