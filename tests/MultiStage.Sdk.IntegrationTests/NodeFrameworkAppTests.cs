extern alias sdk;

using sdk::MultiStage.Sdk.Engine;
using System.Net;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The NestJS sample as the Nest starter lays it out (a TypeScript build with the real Nest CLI, a devDependency;
/// <c>start</c> = <c>nest start</c>, <c>start:prod</c> = <c>node dist/main</c>; tests, tsconfigs, lint and format
/// configs), on the node 20 images: it answers, and its image holds what runs and nothing of development.
/// </summary>
[NonParallelizable]
public class NodeNestAppTests() : PublishedAppFixture("node-nest", "node-nest")
{
    [Test]
    public Task The_image_is_tagged_and_its_size_is_the_engines_own_figure() => AssertTaggedWithTheEnginesSizeAsync();

    [Test]
    public void The_dockerfile_uses_the_node_20_images_engines_asks_for() =>
        AssertRenderedInObjMultistage("node:20-bookworm", "node:20-bookworm-slim");

    [Test]
    public Task The_container_answers_http_200_on_loopback() => AssertAnswersOnLoopbackAsync("Hello from a multi-stage NestJS image!");

    [Test]
    public async Task The_start_is_start_prod_run_directly_by_node()
    {
        var image = await Engine.InspectAsync(App.Reference);
        Assert.That(image.Config?.Entrypoint, Is.EqualTo(new[] { "node", "dist/main" }));
    }

    [Test]
    public async Task The_image_holds_dist_production_node_modules_and_package_json_and_nothing_of_development()
    {
        var files = await ImageFiles.ReadAsync(App.Reference);

        Assert.That(NodeImage.AppFolder(files), Is.EqualTo(new[] { "dist", "node_modules", "package.json" }), "src/, test/, tsconfigs, nest-cli.json, .eslintrc.js, .prettierrc, .npmrc or .multistage/ reached the image");
        Assert.That(files.Contains("app/dist/main.js") && files.Contains("app/dist/app.controller.js"), "the build output is missing");
        Assert.That(files.Contains("app/node_modules/@nestjs/core/package.json") && files.Contains("app/node_modules/rxjs/package.json"), "a production dependency is missing");
        Assert.That(files.Where(f => ImageFiles.HasSegments(f.Path, "node_modules/@nestjs/cli") || ImageFiles.HasSegments(f.Path, "node_modules/typescript")), Is.Empty, "a devDependency is in the image");
        var app = files.Where(f => f.Path.StartsWith("app/", StringComparison.Ordinal) && !ImageFiles.HasSegments(f.Path, "node_modules"));
        Assert.That(app.Where(p => p.Contains("tsconfig", StringComparison.Ordinal) || (p.EndsWith(".ts", StringComparison.Ordinal) && !p.EndsWith(".d.ts", StringComparison.Ordinal))), Is.Empty, "TypeScript sources or configs are in the image");
        Assert.That(app.Where(p => p.Contains("spec", StringComparison.Ordinal) || p.Contains("test", StringComparison.Ordinal)), Is.Empty, "tests are in the image");
    }

    [Test]
    public Task The_app_runs_as_the_node_user() => AssertRunsAsAsync("1000");
}

/// <summary>An npm Express app without a build step: the final stage takes the app's files without its tests, tool configs, lockfile and .npmrc.</summary>
[NonParallelizable]
public class NodeExpressAppTests() : PublishedAppFixture("node-express", "node-express")
{
    [Test]
    public Task The_image_is_tagged_and_its_size_is_the_engines_own_figure() => AssertTaggedWithTheEnginesSizeAsync();

    [Test]
    public async Task The_container_answers_its_api_and_its_static_page_on_loopback()
    {
        var api = await HttpProbe.GetAsync(App.Reference, port => [$"PORT={port}"], "/api/greeting");
        var page = await HttpProbe.GetAsync(App.Reference, port => [$"PORT={port}"]);

        Assert.That(api.Status, Is.EqualTo(HttpStatusCode.OK), api.Logs);
        Assert.That(api.Body, Does.Contain("Hello from a multi-stage Express image!").And.Contain("\"node\":\"v18."));
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Logs);
        Assert.That(page.Body, Does.Contain("<title>node-express</title>"), "public/ is missing");
    }

    [Test]
    public async Task The_image_holds_the_app_and_production_dependencies_only()
    {
        var files = await ImageFiles.ReadAsync(App.Reference);

        Assert.That(NodeImage.AppFolder(files), Is.EqualTo(new[] { "app.js", "node_modules", "package.json", "public", "server.js" }), "tests, tool configs, the lockfile or .npmrc reached the image");
        Assert.That(files.Contains("app/node_modules/express/package.json"), "express is missing");
        Assert.That(files.Where(f => ImageFiles.HasSegments(f.Path, "node_modules/prettier")), Is.Empty, "prettier (a devDependency) is in the image");
    }

    [Test]
    public Task The_app_runs_as_the_node_user() => AssertRunsAsAsync("1000");
}

/// <summary>A yarn 1 (classic) Express app with a yarn.lock: the images' own global yarn installs it.</summary>
[NonParallelizable]
public class NodeYarnAppTests() : PublishedAppFixture("node-express-yarn", "node-yarn")
{
    [Test]
    public Task The_image_is_tagged_and_its_size_is_the_engines_own_figure() => AssertTaggedWithTheEnginesSizeAsync();

    [Test]
    public void The_dockerfile_installs_with_yarn_from_the_lockfile()
    {
        var dockerfile = File.ReadAllLines(App.RenderedDockerfile);
        // With BuildKit (auto here) the RUN's first line is yarn's cache mount; its command follows.
        var runs = DockerfileSteps.Parse(File.ReadAllText(App.RenderedDockerfile)).Where(s => s.Instruction == "RUN").Select(s => s.Text).ToList();

        Assert.That(dockerfile, Does.Contain("COPY [\"package.json\", \"yarn.lock\", \"./\"]"));
        Assert.That(runs, Has.Some.Match(@"^RUN (--mount=\S+ )*yarn install --frozen-lockfile --production && mkdir -p node_modules$"));
        Assert.That(dockerfile, Has.None.Contains("corepack"));
    }

    [Test]
    public Task The_container_answers_http_200_on_loopback() => AssertAnswersOnLoopbackAsync("Hello from a multi-stage Express image, installed with yarn!");

    [Test]
    public async Task The_image_holds_the_app_and_production_dependencies_only()
    {
        var files = await ImageFiles.ReadAsync(App.Reference);

        Assert.That(NodeImage.AppFolder(files), Is.EqualTo(new[] { "index.js", "node_modules", "package.json" }));
        Assert.That(files.Contains("app/node_modules/express/package.json"), "express is missing");
        Assert.That(files.Where(f => ImageFiles.HasSegments(f.Path, "node_modules/prettier")), Is.Empty, "prettier (a devDependency) is in the image");
    }
}

/// <summary>What the Node tests share: a sample's project with items, and what a Node image's /app holds.</summary>
internal static class NodeImage
{
    /// <summary>Writes the app's one-line SDK project with <paramref name="items"/> in an ItemGroup.</summary>
    public static void WriteProject(TestApp app, string items) =>
        File.WriteAllText(app.PathOf(app.ProjectFile), $"""
            <Project Sdk="MultiStage.Sdk/{Repository.PackageVersion}">
              <ItemGroup>
                {items}
              </ItemGroup>
            </Project>
            """);

    /// <summary>The names directly in the app's folder, sorted.</summary>
    public static IReadOnlyList<string> AppFolder(ImageFiles files, string folder = "app") =>
        [.. files.Under(folder).Select(p => p[Math.Min(p.Length, folder.Length + 1)..]).Where(p => p.Length > 0 && !p.Contains('/', StringComparison.Ordinal))];
}
