using System.Net;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The Node sample (a TypeScript server, <c>node-web.proj</c> = <c>&lt;Project Sdk="MultiStage.Sdk/0.1.0" /&gt;</c>),
/// published once with a bare <c>dotnet publish</c> and checked as a user would.
/// </summary>
[NonParallelizable]
public class NodeAppTests() : PublishedAppFixture("node-web", "node")
{
    [Test]
    public Task The_image_is_tagged_and_its_size_is_the_engines_own_figure() => AssertTaggedWithTheEnginesSizeAsync();

    [Test]
    public void The_dockerfile_is_rendered_in_obj_multistage_for_the_node_stack() =>
        AssertRenderedInObjMultistage("node:18-bookworm", "node:18-bookworm-slim");

    [Test]
    public async Task The_container_answers_http_200_on_loopback_at_the_port_in_PORT()
    {
        var answer = await HttpProbe.GetAsync(App.Reference, port => [$"PORT={port}"]);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Logs);
        Assert.That(answer.Body, Is.EqualTo("Hello from a multi-stage Node image!"));
    }

    [Test]
    public async Task The_image_holds_the_built_app_and_production_dependencies_only()
    {
        var files = await ImageFiles.ReadAsync(App.Reference);
        var server = files.Where(f => ("/" + f.Path).EndsWith("/dist/server.js", StringComparison.Ordinal));

        Assert.That(server, Has.Count.EqualTo(1), "npm run build's output, dist/server.js, is not in the image (or is there twice)");
        var app = server[0][..^"dist/server.js".Length].TrimEnd('/');
        Assert.That(files.Contains($"{app}/package.json"), $"no package.json beside {app}/dist");
        Assert.That(files.Contains($"{app}/node_modules/picocolors/package.json"), $"the production dependency is missing from {app}/node_modules");
        Assert.That(files.Where(f => ImageFiles.HasSegments(f.Path, "node_modules/typescript")), Is.Empty, "TypeScript (a devDependency) is in the image");
        Assert.That(files.Where(f => ImageFiles.HasSegments(f.Path, "node_modules/@types/node")), Is.Empty, "@types/node (a devDependency) is in the image");
    }

    [Test]
    public async Task The_app_runs_as_the_node_user()
    {
        await AssertNotRootAsync();
        var (exitCode, uid) = await Engine.RunAsync(App.Reference, ["id", "-u"]);

        Assert.That(exitCode, Is.Zero, uid);
        Assert.That(uid.Trim(), Is.EqualTo("1000"));
    }
}
