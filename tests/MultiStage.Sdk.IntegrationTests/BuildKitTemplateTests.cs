using System.Text.Json;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The templates rendered for BuildKit (the render task's Builder = buildkit), built by the docker CLI's
/// BuildKit on the same engine: they build, an install whose inputs changed takes every package from the
/// cache mount (with no network at all, where the classic render cannot install), and the final image holds
/// what this package's classic build of the same app holds.
/// </summary>
[NonParallelizable]
public class BuildKitTemplateTests
{
    [Test]
    public Task The_node_sample_for_BuildKit_builds_installs_from_its_cache_mount_and_holds_what_the_classic_build_holds() =>
        AssertBuildKitRenderAsync("node-web", "bk-node", "app", "npm ci", app =>
        {
            // What a dependency bump does to the install step: its inputs (manifest and lockfile) change.
            app.Edit("package.json", t => t.Replace("\"version\": \"1.0.0\"", "\"version\": \"1.0.1\""));
            app.Edit("package-lock.json", t => t.Replace("\"version\": \"1.0.0\"", "\"version\": \"1.0.1\""));
        });

    /// <summary>Composer has nothing to download for this sample; the front-end stage's npm install is what the cache mount spares.</summary>
    [Test]
    public Task The_php_sample_for_BuildKit_builds_installs_its_front_end_from_the_cache_mount_and_holds_what_the_classic_build_holds() =>
        AssertBuildKitRenderAsync("php-laravel", "bk-php", "var/www/html", "npm ci", app =>
            app.Edit("package.json", t => t.Replace("\"private\": true,", "\"private\": true,\n    \"description\": \"front-end manifest changed\",")));

    /// <summary>From source, the restore and the publish mount the NuGet packages folder (the publish reads what the restore left there).</summary>
    [Test]
    public Task The_dotnet_sample_from_source_for_BuildKit_builds_and_holds_what_the_classic_build_holds() =>
        AssertBuildKitRenderAsync("dotnet-web", "bk-dotnet", "app", "dotnet restore", changeDependencies: null, "-p:MultiStageBuildFrom=source");

    /// <summary>The Go sample downloads no module, so only the build cache is mounted to any effect, and there is no offline check.</summary>
    [Test]
    public Task The_go_sample_for_BuildKit_builds_and_holds_what_the_classic_build_holds() =>
        AssertBuildKitRenderAsync("go-web", "bk-go", "app", "go build", changeDependencies: null);

    /// <summary>With vendor/ the build reads the modules there (-mod=vendor): only the build cache is mounted.</summary>
    [Test]
    public Task The_vendored_go_sample_for_BuildKit_builds_and_holds_what_the_classic_build_holds() =>
        AssertBuildKitRenderAsync("go-vendored", "bk-go-vendored", "app", "go build", changeDependencies: null);

    /// <summary>
    /// Publishes <paramref name="sample"/> with this package's classic build, renders it for BuildKit, builds that
    /// with the CLI's BuildKit, compares the app's folder of both images, then changes the install's inputs and
    /// builds both renders again with no network: BuildKit's installs from its cache mount, the classic one cannot.
    /// </summary>
    private static async Task AssertBuildKitRenderAsync(string sample, string name, string appFolder, string install, Action<TestApp>? changeDependencies, params string[] arguments)
    {
        var app = TestApp.FromSample(sample, name);
        var suffix = Path.GetFileName(IntegrationRun.Directory)[^6..];
        var (buildKit, offline) = ($"multistage-it/{name}-buildkit-{suffix}:latest", $"multistage-it/{name}-offline-{suffix}:latest");
        try
        {
            var classic = app.Publish([.. arguments, "-p:MultiStageBuilder=classic"]);
            Assert.That(classic.Succeeded, classic.ToString());
            var classicDockerfile = SaveRendered(app, "Dockerfile.classic");
            Assert.That(File.ReadAllText(classicDockerfile), Does.Not.Contain("--mount"));

            var render = app.Publish([.. arguments, "-p:MultiStageBuilder=buildkit", "-p:MultiStageBuildImage=false"]);
            Assert.That(render.Succeeded, render.ToString());
            var dockerfile = SaveRendered(app, "Dockerfile.buildkit");
            Assert.That(File.ReadAllText(dockerfile), Does.Contain("# For BuildKit").And.Contain("--mount=type=cache"));
            // The CLI reads the ignore file at the context's root: the one this package rendered for it.
            File.Copy(Path.Combine(app.RenderedDirectory, ".dockerignore"), app.PathOf(".dockerignore"), overwrite: true);
            AddPlanFiles(app);

            var (exitCode, output) = DockerCli.BuildKit(app.Directory, buildKit, dockerfile);
            Assert.That(exitCode, Is.Zero, output);
            var classicFiles = await AppFolderAsync(app.Reference, appFolder);
            Assert.That(classicFiles, Is.Not.Empty, $"the classic build's image has nothing under /{appFolder}");
            Assert.That(await AppFolderAsync(buildKit, appFolder), Is.EqualTo(classicFiles), "the BuildKit-built image's app folder differs from the classic build's");
            if (changeDependencies is null)
            {
                return;
            }

            changeDependencies(app);
            (exitCode, output) = DockerCli.BuildKit(app.Directory, offline, dockerfile, network: "none");
            TestContext.Progress.WriteLine(string.Join('\n', output.Split('\n').Where(l => l.Contains(install, StringComparison.Ordinal) || l.Contains("added ", StringComparison.Ordinal))));
            Assert.That(exitCode, Is.Zero, $"with no network, the install did not find its packages in the cache mount:\n{output}");
            Assert.That(output, Does.Not.Match($@"{System.Text.RegularExpressions.Regex.Escape(install)}\s*\n[^\n]*CACHED"), "the install step was not run again");

            var (classicExit, classicOutput) = DockerCli.BuildKit(app.Directory, offline, classicDockerfile, network: "none");
            Assert.That(classicExit, Is.Not.Zero, $"the classic render installed with no network and no cache mount, so the check above proves nothing:\n{classicOutput}");
        }
        catch
        {
            app.KeepEvidence(TestContext.CurrentContext.Test.Name);
            throw;
        }
        finally
        {
            await Engine.RemoveImageAsync(app.Reference);
            DockerCli.RemoveImage(buildKit);
            DockerCli.RemoveImage(offline);
        }
    }

    /// <summary>Puts the files this package adds to the context it sends (a .NET builder's nuget.config, the packages it carries) in the folder the CLI sends.</summary>
    private static void AddPlanFiles(TestApp app)
    {
        using var plan = JsonDocument.Parse(File.ReadAllText(Path.Combine(app.RenderedDirectory, "plan.json")));
        var folder = Directory.CreateDirectory(app.PathOf(".multistage")).FullName;
        foreach (var file in plan.RootElement.GetProperty("planFiles").EnumerateArray().Select(f => f.GetString()!))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var file in plan.RootElement.GetProperty("hostFiles").EnumerateArray())
        {
            var path = app.PathOf(file.GetProperty("path").GetString()!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(file.GetProperty("source").GetString()!, path, overwrite: true);
        }
    }

    /// <summary>Copies the rendered Dockerfile out of the render folder (the next render overwrites it), beside the app.</summary>
    private static string SaveRendered(TestApp app, string name)
    {
        var path = Path.Combine(app.Root, name);
        File.Copy(app.RenderedDockerfile, path, overwrite: true);
        return path;
    }

    /// <summary>Every path under <paramref name="folder"/> in <paramref name="reference"/>, with its type, owner and mode.</summary>
    private static async Task<IReadOnlyList<string>> AppFolderAsync(string reference, string folder) =>
        [.. (await ImageFiles.ReadAsync(reference)).All.Where(f => f.Path.StartsWith(folder + "/", StringComparison.Ordinal))
            .Select(f => $"{f.Path} {f.Type} {f.Uid} {f.Mode}").Order(StringComparer.Ordinal)];
}
