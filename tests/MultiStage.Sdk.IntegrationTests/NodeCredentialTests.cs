using System.Net;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// An app's .npmrc is read by the install steps and is in no layer of the final image, nor its token in the
/// image's history: with the token written in the file, and with <c>${NPM_TOKEN}</c> in the file and the
/// token passed in the environment to a ContainerBuildArg.
/// </summary>
[NonParallelizable]
public class NodeCredentialTests
{
    private static int _copies;

    /// <summary>The npm Express app, with a line for a registry it never installs from: the token is carried but never sent anywhere.</summary>
    private static TestApp AppWithNpmrcToken(string token)
    {
        var app = TestApp.FromSample("node-express", $"node-credentials-{++_copies}");
        File.AppendAllText(app.PathOf(".npmrc"), $"//npm.example.test/:_authToken={token}\n");
        return app;
    }

    private static string FakeToken() => $"npm_fake{Guid.NewGuid():N}";

    [Test]
    public async Task A_token_written_in_npmrc_is_in_no_layer_and_no_history_entry_of_the_final_image()
    {
        var token = FakeToken();
        var app = AppWithNpmrcToken(token);
        await app.TestAsync(async () =>
        {
            var result = app.Publish();

            Assert.That(result.Succeeded, result.ToString());
            await AssertNoCredentialAsync(app, token);
            Assert.That(File.ReadAllText(app.RenderedDockerfile), Does.Contain("COPY [\"package.json\", \"package-lock.json\", \".npmrc\", \"./\"]"), "the install steps read .npmrc");
        });
    }

    [Test]
    public async Task A_token_passed_in_the_environment_to_a_build_argument_reaches_npm_and_no_final_layer_or_history_entry()
    {
        var token = FakeToken();
        var app = AppWithNpmrcToken("${NPM_TOKEN}");
        NodeImage.WriteProject(app, """<ContainerBuildArg Include="NPM_TOKEN" />""");
        await app.TestAsync(async () =>
        {
            var started = DateTime.UtcNow;
            var result = app.Publish(environment: new Dictionary<string, string> { ["NPM_TOKEN"] = token });

            Assert.That(result.Succeeded, result.ToString());
            await AssertNoCredentialAsync(app, token);
            Assert.That(SecretScan.FilesHolding(Path.Combine(app.Directory, "obj"), token), Is.Empty, "the token was written under obj/");
            Assert.That(SecretScan.BinlogHolds(app.LastBinlog, token), Is.False, "the token is in the binlog");

            // npm fails on an .npmrc whose ${NPM_TOKEN} it cannot replace: the install passed, so the token reached it.
            // The classic builder also records the install step's build arguments in the builder stage's cached image;
            // BuildKit keeps no image of a builder stage.
            using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(app.RenderedDirectory, "report.json")));
            if (report.RootElement.GetProperty("builder").GetString() != "classic")
            {
                return;
            }

            var builderHistories = new List<string>();
            foreach (var id in await Engine.ImageIdsSinceAsync(started))
            {
                builderHistories.AddRange((await Engine.HistoryAsync(id)).Select(h => h.CreatedBy ?? "").Where(c => c.Contains($"NPM_TOKEN={token}", StringComparison.Ordinal)));
            }

            Assert.That(builderHistories, Is.Not.Empty, "the token did not reach the install step as NPM_TOKEN");
        });
    }

    private static async Task AssertNoCredentialAsync(TestApp app, string token)
    {
        var layers = await ImageLayers.PathsAsync(app.Reference);
        var credentialFiles = layers.SelectMany((paths, i) => paths.Where(p => Path.GetFileName(p) is ".npmrc" or ".wh..npmrc" && p.StartsWith("app/", StringComparison.Ordinal)).Select(p => $"layer {i}: {p}")).ToList();
        Assert.That(credentialFiles, Is.Empty, "an .npmrc of the app is in a layer of the final image");
        Assert.That(layers.SelectMany(l => l).Any(p => p == "app/server.js"), "the layer listing must see the app's files");

        var history = await Engine.HistoryAsync(app.Reference);
        Assert.That(history.Where(h => (h.CreatedBy ?? "").Contains(token, StringComparison.Ordinal)).Select(h => h.CreatedBy), Is.Empty, "the token is in the image's history");
        Assert.That(await SecretScan.ImagesHoldAsync([app.Reference], token), Is.False, "the token is in a layer or the configuration of the final image");

        var answer = await HttpProbe.GetAsync(app.Reference, port => [$"PORT={port}"], "/api/greeting");
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Logs);
    }
}
