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
    private TestApp _app = null!;

    [SetUp]
    public void CopySample() => _app = TestApp.FromSample("node-express", $"node-credentials-{++_copies}");

    [TearDown]
    public async Task Clean()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            _app.KeepEvidence(TestContext.CurrentContext.Test.Name);
        }

        await Engine.RemoveImageAsync(_app.Reference);
    }

    private static string FakeToken() => $"npm_fake{Guid.NewGuid():N}";

    /// <summary>A registry the app never installs from, so the token is carried but never sent anywhere.</summary>
    private void WriteNpmrc(string token) =>
        File.AppendAllText(_app.PathOf(".npmrc"), $"//npm.example.test/:_authToken={token}\n");

    [Test]
    public async Task A_token_written_in_npmrc_is_in_no_layer_and_no_history_entry_of_the_final_image()
    {
        var token = FakeToken();
        WriteNpmrc(token);

        var result = _app.Publish();

        Assert.That(result.Succeeded, result.ToString());
        await AssertNoCredentialAsync(token);
        Assert.That(File.ReadAllText(_app.RenderedDockerfile), Does.Contain("COPY [\"package.json\", \"package-lock.json\", \".npmrc\", \"./\"]"), "the install steps read .npmrc");
    }

    [Test]
    public async Task A_token_passed_in_the_environment_to_a_build_argument_reaches_npm_and_no_final_layer_or_history_entry()
    {
        var token = FakeToken();
        WriteNpmrc("${NPM_TOKEN}");
        var project = _app.PathOf("node-express.proj");
        File.WriteAllText(project, """
            <Project Sdk="MultiStage.Sdk/0.1.0">
              <ItemGroup>
                <ContainerBuildArg Include="NPM_TOKEN" />
              </ItemGroup>
            </Project>
            """);

        var started = DateTime.UtcNow;
        var result = _app.Publish(environment: new Dictionary<string, string> { ["NPM_TOKEN"] = token });

        Assert.That(result.Succeeded, result.ToString());
        await AssertNoCredentialAsync(token);

        // The classic builder records the install step's build arguments in the builder stage's cached image: the token reached npm there.
        var builderHistories = new List<string>();
        foreach (var id in await Engine.ImageIdsSinceAsync(started))
        {
            builderHistories.AddRange((await Engine.HistoryAsync(id)).Select(h => h.CreatedBy ?? "").Where(c => c.Contains($"NPM_TOKEN={token}", StringComparison.Ordinal)));
        }

        Assert.That(builderHistories, Is.Not.Empty, "the token did not reach the install step as NPM_TOKEN");
        Assert.That(SecretScan.FilesHolding(Path.Combine(_app.Directory, "obj"), token), Is.Empty, "the token was written under obj/");
        Assert.That(SecretScan.BinlogHolds(_app.LastBinlog, token), Is.False, "the token is in the binlog");
    }

    private async Task AssertNoCredentialAsync(string token)
    {
        var layers = await ImageLayers.PathsAsync(_app.Reference);
        var credentialFiles = layers.SelectMany((paths, i) => paths.Where(p => Path.GetFileName(p) is ".npmrc" or ".wh..npmrc" && p.StartsWith("app/", StringComparison.Ordinal)).Select(p => $"layer {i}: {p}")).ToList();
        Assert.That(credentialFiles, Is.Empty, "an .npmrc of the app is in a layer of the final image");
        Assert.That(layers.SelectMany(l => l).Any(p => p == "app/server.js"), "the layer listing must see the app's files");

        var history = await Engine.HistoryAsync(_app.Reference);
        Assert.That(history.Where(h => (h.CreatedBy ?? "").Contains(token, StringComparison.Ordinal)).Select(h => h.CreatedBy), Is.Empty, "the token is in the image's history");
        Assert.That(await SecretScan.ImagesHoldAsync([_app.Reference], token), Is.False, "the token is in a layer or the configuration of the final image");

        var answer = await HttpProbe.GetAsync(_app.Reference, port => [$"PORT={port}"], "/api/greeting");
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Logs);
    }
}
