using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>An SDK project beside .NET projects in one solution: <c>dotnet build</c> of the solution works, and containerizes nothing.</summary>
[NonParallelizable]
public class SolutionBuildTests
{
    [Test]
    public async Task A_solution_with_the_node_app_and_a_dotnet_project_builds_and_the_sdk_projects_build_is_a_no_op()
    {
        var node = TestApp.FromSample("node-web", "solution", "node-web");
        var console = TestApp.FromSample("dotnet-console", "solution", "dotnet-console");
        var root = node.Root;
        try
        {
            var created = DotNetCli.Run(root, ["new", "sln", "--name", "apps", "--format", "sln"], Path.Combine(root, "new-sln.log"));
            Assert.That(created.Succeeded, created.ToString());
            var added = DotNetCli.Run(root, ["sln", "apps.sln", "add", Path.Combine("node-web", node.ProjectFile), Path.Combine("dotnet-console", console.ProjectFile)], Path.Combine(root, "sln-add.log"));
            Assert.That(added.Succeeded, $"dotnet sln add refused a project (an SDK project needs a DefaultProjectTypeGuid):\n{added}");

            var imagesBefore = await Engine.ImageIdsAsync();
            var build = DotNetCli.Run(root, ["build", "apps.sln", .. DotNetCli.MSBuildSwitches(Path.Combine(root, "build.binlog"))], Path.Combine(root, "build.log"));

            Assert.That(build.Succeeded, build.ToString());
            Assert.That(console.PathOf("bin/Debug/net10.0/dotnet-console.dll"), Does.Exist, "the .NET project was not built");
            Assert.That(build.Output, Does.Not.Contain("MSTAGE").And.Not.Contain("NU1503"), "the SDK project was not taken by the solution's restore");
            Assert.That(node.RenderedDockerfile, Does.Not.Exist, "building the SDK project rendered a Dockerfile");
            Assert.That(node.PathOf("node_modules"), Does.Not.Exist, "restoring or building the SDK project ran npm on this machine");
            Assert.That(node.PathOf("dist"), Does.Not.Exist, "building the SDK project ran the app's build on this machine");
            Assert.That(await Engine.ImageIdsAsync(), Is.EquivalentTo(imagesBefore), "building the solution built an image");
        }
        catch
        {
            node.KeepEvidence(TestContext.CurrentContext.Test.Name);
            throw;
        }
    }
}
