using System.Net;
using System.Text.RegularExpressions;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The NestJS sample without its start:prod script: its start, <c>nest start</c>, needs the Nest CLI, a
/// devDependency the final image does not install, so the publish stops with MSTAGE1034 before any engine
/// call instead of making an image that exits at once; ContainerAppCommand then says what starts.
/// </summary>
[NonParallelizable]
public class NodeStartCommandTests
{
    private static int _copies;

    private static TestApp NestWithoutStartProd()
    {
        var app = TestApp.FromSample("node-nest", $"node-start-{++_copies}");
        app.Edit("package.json", json => Regex.Replace(json, @"\s*""start:prod"": ""node dist/main"",", ""));
        return app;
    }

    [Test]
    public async Task A_start_script_that_needs_a_devDependency_fails_the_publish_with_MSTAGE1034()
    {
        var app = NestWithoutStartProd();
        await app.TestAsync(async () =>
        {
            var result = app.Publish(environment: new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///tmp/multistage-no-such-engine.sock" });

            Assert.That(result.Succeeded, Is.False, result.ToString());
            Assert.That(result.Output, Does.Contain("package.json").And.Contain("error MSTAGE1034"));
            Assert.That(result.Output, Does.Contain("'start' script (nest start) runs 'nest', which comes from '@nestjs/cli', a devDependency"));
            Assert.That(result.Output, Does.Contain("start:prod").And.Contain("ContainerAppCommand"));
            Assert.That(result.Output, Does.Not.Contain("MSTAGE3001"), "the start is checked before any engine call");
            Assert.That(result.Output, Does.Not.Contain("Exception:"), "a stack trace reached the user");
            Assert.That(await Engine.ExistsAsync(app.Reference), Is.False);
        });
    }

    [Test]
    public async Task ContainerAppCommand_is_the_entrypoint_and_the_app_answers()
    {
        var app = NestWithoutStartProd();
        NodeImage.WriteProject(app, """<ContainerAppCommand Include="node;dist/main.js" />""");
        await app.TestAsync(async () =>
        {
            var result = app.Publish();

            Assert.That(result.Succeeded, result.ToString());
            Assert.That((await Engine.InspectAsync(app.Reference)).Config?.Entrypoint, Is.EqualTo(new[] { "node", "dist/main.js" }));
            var answer = await HttpProbe.GetAsync(app.Reference, port => [$"PORT={port}"]);
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Logs);
        });
    }
}
