using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>The Dockerfile as the user's own: ejected and then built as it is, or rendered from the user's template.</summary>
[NonParallelizable]
public class DockerfileChoiceTests
{
    [Test]
    public async Task Eject_then_publish_builds_the_ejected_file_as_it_is()
    {
        var app = TestApp.FromSample("dotnet-console", "eject");
        try
        {
            var eject = Eject(app);
            Assert.That(eject.Succeeded, eject.ToString());
            Assert.That(app.PathOf("Dockerfile"), Does.Exist);
            Assert.That(app.PathOf("Dockerfile.dockerignore"), Does.Exist);

            // The user's change to the file they now own: the publish must build exactly that.
            app.Edit("Dockerfile", s => s.Replace("\nUSER ", "\nLABEL org.example.ejected=\"yes\"\nUSER ", StringComparison.Ordinal));
            var publish = app.Publish();

            Assert.That(publish.Succeeded, publish.ToString());
            Assert.That(publish.Output, Does.Contain("MultiStageDockerfile, built as it is"));
            Assert.That((await Engine.InspectAsync(app.Reference)).Config?.Labels, Does.ContainKey("org.example.ejected").WithValue("yes"));
            var (exitCode, output) = await Engine.RunAsync(app.Reference);
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("Hello from a multi-stage image"));

            var again = Eject(app);
            Assert.That(again.Succeeded, Is.False);
            Assert.That(again.Output, Does.Contain("error MSTAGE2003").And.Contain("MultiStageEjectForce=true"));
            Assert.That(File.ReadAllText(app.PathOf("Dockerfile")), Does.Contain("org.example.ejected"), "eject overwrote the user's file");
        }
        catch
        {
            app.KeepEvidence(TestContext.CurrentContext.Test.Name);
            throw;
        }
        finally
        {
            await Engine.RemoveImageAsync(app.Reference);
        }
    }

    [TestCase("Debug")]
    [TestCase("Release")]
    public void Eject_works_on_a_web_project_never_built_in_any_configuration_and_never_overwrites(string configuration)
    {
        var app = TestApp.FromSample("dotnet-web", $"eject-fresh-{configuration.ToLowerInvariant()}");
        Assert.That(Path.Combine(app.Directory, "obj"), Does.Not.Exist, "the copy is a fresh clone's: never restored or built");

        var eject = Eject(app, $"-p:Configuration={configuration}");

        Assert.That(eject.Succeeded, eject.ToString());
        Assert.That(File.ReadAllText(app.PathOf("Dockerfile")), Does.StartWith("# Ejected from MultiStage.Sdk").And.Contain(" AS builder"));
        app.Edit("Dockerfile", s => s + "# mine\n");
        var again = Eject(app, $"-p:Configuration={configuration}");
        Assert.That(again.Succeeded, Is.False);
        Assert.That(again.Output, Does.Contain("error MSTAGE2003"));
        Assert.That(File.ReadAllText(app.PathOf("Dockerfile")), Does.EndWith("# mine\n"), "eject overwrote the user's file");
    }

    [TestCase("dotnet-console", "dotnet-console.csproj", "obj/Release/net10.0/multistage")]
    [TestCase("node-web", "node-web.proj", "obj/multistage")]
    public void Dotnet_clean_removes_what_the_package_wrote_under_obj(string sample, string project, string folder)
    {
        var app = TestApp.FromSample(sample, $"clean-{sample}");
        var render = app.Publish(["-p:MultiStageBuildImage=false"]);
        Assert.That(render.Succeeded, render.ToString());
        Assert.That(Path.Combine(app.Directory, folder, "Dockerfile"), Does.Exist);

        var clean = DotNetCli.Run(app.Directory, ["clean", project, "-c", "Release", "-nologo", "-tl:false"], Path.Combine(app.Root, "clean.log"));

        Assert.That(clean.Succeeded, clean.ToString());
        Assert.That(Path.Combine(app.Directory, folder), Does.Not.Exist);
    }

    [Test]
    public async Task Run_steps_use_the_engines_default_network_unless_MultiStageBuildNetwork_says_and_print_plain_text()
    {
        var app = TestApp.FromSample("dotnet-console", "build-network");
        await app.TestAsync(async () =>
        {
            // Colours as npm prints them, and the network interfaces the step sees; {{run}} makes the step this run's own.
            File.WriteAllText(app.PathOf("Dockerfile"), """
                FROM mcr.microsoft.com/dotnet/runtime:10.0
                RUN printf '\033[1;31mred alert\033[0m\n' && echo {{run}} && cut -d: -f1 /proc/net/dev | tail -n +3 | tr -d ' ' > /interfaces
                ENTRYPOINT ["cat", "/interfaces"]
                """.Replace("{{run}}", Path.GetFileName(IntegrationRun.Directory), StringComparison.Ordinal)); // this run's step: never the engine's cached one

            // This engine has no bridge (--bridge=none): the classic builder's default network gives a step loopback
            // only (BuildKit's fails there: "network bridge not found"). A step's output is detail: -v:d shows it.
            var byDefault = app.Publish(["-p:MultiStageDockerfile=Dockerfile", "-p:MultiStageIncremental=false", "-p:MultiStageBuilder=classic", "-v:d"], new Dictionary<string, string> { ["MultiStageBuildNetwork"] = "" });
            Assert.That(byDefault.Succeeded, byDefault.ToString());
            Assert.That((await Engine.RunAsync(app.Reference)).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "lo" }));
            Assert.That(byDefault.Lines, Has.Some.EndsWith(" red alert"));
            Assert.That(byDefault.Output.Contains('\u001b', StringComparison.Ordinal), Is.False, "an escape code reached the MSBuild log");

            // Another step, or the engine's cache would serve the first one's layer (its key ignores the network).
            app.Edit("Dockerfile", d => d.Replace("> /interfaces", "> /interfaces && true", StringComparison.Ordinal));
            var host = app.Publish(["-p:MultiStageDockerfile=Dockerfile", "-p:MultiStageIncremental=false", "-p:MultiStageBuildNetwork=host"]);
            Assert.That(host.Succeeded, host.ToString());
            Assert.That((await Engine.RunAsync(app.Reference)).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Some.Not.EqualTo("lo"), "host: the machine's own interfaces");
        });
    }

    [Test]
    public void A_broken_user_template_is_MSTAGE2002_at_its_line()
    {
        var app = TestApp.FromSample("dotnet-console", "user-template");
        File.WriteAllText(app.PathOf("My.Dockerfile.sbn"), "FROM {{ plan.runtime_image }}\nWORKDIR {{ plan.working_directory }}\nRUN {{ plan.no_such_member }}\n");

        var publish = app.Publish(["-p:MultiStageTemplate=My.Dockerfile.sbn"]);

        Assert.That(publish.Succeeded, Is.False);
        Assert.That(publish.Output, Does.Contain($"{app.PathOf("My.Dockerfile.sbn")}(3,13): error MSTAGE2002"));
        Assert.That(publish.Output, Does.Not.Contain("Exception:"));
    }

    private static PublishResult Eject(TestApp app, params string[] arguments) =>
        DotNetCli.Run(app.Directory, ["msbuild", "-restore", app.ProjectFile, "-t:MultiStageEject", .. DotNetCli.MSBuildSwitches(Path.Combine(app.Root, "eject.binlog")), .. arguments], Path.Combine(app.Root, $"eject-{Guid.NewGuid():N}.log"));
}
