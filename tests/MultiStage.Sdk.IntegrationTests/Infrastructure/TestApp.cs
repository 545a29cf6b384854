namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// A copy of a sample in the run's folder, laid out as a user's machine would be: the app in
/// <c>app/</c> (the build context), and above it a nuget.config that adds the local feed and a probe
/// target that prints the MSBuild outputs, both outside the context.
/// </summary>
/// <remarks>
/// Every publish runs the package's smoke check (MultiStageSmokeTest) unless the test sets it.
/// Two kinds of app: a .NET project that references the package (published with
/// <c>-c Release -p:ContainerizeMultiStage=true</c>), and a Node, Go or PHP app whose <c>.proj</c> uses
/// the package as its project SDK (published with a bare <c>dotnet publish</c>: it always containerizes).
/// </remarks>
internal sealed class TestApp
{
    private const string DefaultFolder = "app";

    /// <summary>What git ignores in the samples: build outputs and installed dependencies a developer may have left in a sample's folder.</summary>
    /// <remarks>A <c>vendor/</c> with a <c>modules.txt</c> is a Go module's committed dependencies, which are source: it is copied.</remarks>
    private static readonly HashSet<string> NotCopied = ["bin", "obj", "node_modules", "dist", "vendor"];

    /// <summary>How long the smoke check lets each test's app run: enough for an app that cannot start to exit.</summary>
    private const int SmokeTestSeconds = 2;

    private int _publishes;

    private TestApp(string name, string root, string folder, string projectFile)
    {
        Name = name;
        Root = root;
        Directory = Path.Combine(root, folder);
        ProjectFile = projectFile;
        var run = Path.GetFileName(IntegrationRun.Directory)[^6..];
        Repository = folder == DefaultFolder ? $"multistage-it/{name}-{run}" : $"multistage-it/{name}-{folder}-{run}";
    }

    public string Name { get; }

    /// <summary>Gets the folder above the app: nuget.config, the probe, logs and binlogs.</summary>
    public string Root { get; }

    /// <summary>Gets the app's folder, the build context.</summary>
    public string Directory { get; }

    /// <summary>Gets the project file, relative to the app's folder, e.g. <c>dotnet-web.csproj</c>, <c>node-web.proj</c> or <c>src/Shop.Web/Shop.Web.csproj</c>.</summary>
    public string ProjectFile { get; }

    /// <summary>Gets the project's name, the one the summary line starts with.</summary>
    public string ProjectName => Path.GetFileNameWithoutExtension(ProjectFile);

    /// <summary>Gets whether the project file uses the package as its SDK (<c>Sdk="MultiStage.Sdk"</c>), as a Node, Go or PHP app does.</summary>
    public bool UsesProjectSdk => string.Equals(Path.GetExtension(ProjectFile), ".proj", StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets the unique repository the tests tag this app's image with.</summary>
    public string Repository { get; }

    public string Reference => $"{Repository}:latest";

    /// <summary>Gets where the Dockerfile is rendered: <c>obj/multistage/</c> for an SDK project (it has no configuration or target framework), else the intermediate folder of Release/net10.0.</summary>
    public string RenderedDirectory => UsesProjectSdk
        ? Path.Combine(ProjectDirectory, "obj", "multistage")
        : Path.Combine(ProjectDirectory, "obj", "Release", "net10.0", "multistage");

    /// <summary>Gets the project's folder.</summary>
    public string ProjectDirectory => Path.GetDirectoryName(PathOf(ProjectFile))!;

    public string RenderedDockerfile => Path.Combine(RenderedDirectory, "Dockerfile");

    /// <summary>Copies <paramref name="sample"/> to <c>&lt;run&gt;/<paramref name="name"/>/<paramref name="folder"/></c>.</summary>
    /// <remarks>
    /// Samples copied with the same <paramref name="name"/> and different folders share one root, as projects of one repository do.
    /// <paramref name="project"/> names the project to publish in a sample that holds several (a solution); otherwise the sample holds exactly one at its root.
    /// </remarks>
    public static TestApp FromSample(string sample, string name, string folder = DefaultFolder, string? project = null)
    {
        var source = Path.Combine(Infrastructure.Repository.Samples, sample);
        var projects = project is null ? System.IO.Directory.EnumerateFiles(source, "*.*proj").Select(Path.GetFileName).ToList() : [project];
        Assert.That(projects, Has.Count.EqualTo(1), $"{source} must hold exactly one project file");

        var root = Path.Combine(IntegrationRun.Directory, name);
        var app = new TestApp(name, root, folder, projects[0]!);
        Copy(source, app.Directory);
        File.WriteAllText(Path.Combine(app.Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="multistage-local" value="{Infrastructure.Repository.PackagesDirectory}" />
              </packageSources>
            </configuration>
            """);

        // After MultiStageContainerize, whenever it ran: a .NET project sets ContainerizeMultiStage; an SDK
        // project containerizes on every publish, and a render sets MultiStageDockerfilePath either way.
        File.WriteAllText(Path.Combine(app.Root, "Directory.Build.targets"), """
            <Project>
              <Target Name="_Probe" AfterTargets="MultiStageContainerize" Condition="'$(ContainerizeMultiStage)' == 'true' or '$(MultiStageDockerfilePath)' != ''">
                <Message Importance="high" Text="PROBE ContainerImageId=$(ContainerImageId)" />
                <Message Importance="high" Text="PROBE ContainerImageSize=$(ContainerImageSize)" />
                <Message Importance="high" Text="PROBE ContainerRepository=$(ContainerRepository)" />
                <Message Importance="high" Text="PROBE MultiStageImage=%(MultiStageImage.Identity)|%(MultiStageImage.ImageId)|%(MultiStageImage.Size)|%(MultiStageImage.BaseImage)|%(MultiStageImage.BaseSize)|%(MultiStageImage.AddedSize)|%(MultiStageImage.BuilderStage)|%(MultiStageImage.BuilderSize)|%(MultiStageImage.PercentSmaller)|%(MultiStageImage.BuildFrom)" />
                <Message Importance="high" Text="PROBE ContainerImageDigest=$(ContainerImageDigest)" />
                <Message Importance="high" Text="PROBE MultiStagePushedImage=%(MultiStageImage.Identity)|%(MultiStageImage.Registry)|%(MultiStageImage.Digest)|%(MultiStageImage.PushedReference)" />
                <Message Importance="high" Text="PROBE MultiStageImageLayer=%(MultiStageImageLayer.Index)|%(MultiStageImageLayer.Size)|%(MultiStageImageLayer.Instruction)" />
              </Target>
            </Project>
            """);
        return app;
    }

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public void Edit(string relative, Func<string, string> change) => File.WriteAllText(PathOf(relative), change(File.ReadAllText(PathOf(relative))));

    /// <summary>Runs <c>dotnet publish</c> as a user would, with extra arguments and environment.</summary>
    /// <remarks>
    /// A .NET project gets <c>-c Release -p:ContainerizeMultiStage=true</c>; an SDK project nothing, since
    /// publishing it always containerizes. The app's unique repository is passed unless the arguments set
    /// ContainerRepository themselves, or <paramref name="defaultRepository"/> asks for the package's default.
    /// </remarks>
    /// <param name="arguments">Extra arguments for dotnet publish.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <param name="defaultRepository">Leave ContainerRepository to the package's default.</param>
    /// <param name="containerize">false to leave out <c>-p:ContainerizeMultiStage=true</c>, when something else (a publish profile) switches it on.</param>
    /// <param name="interruptWhen">Sends Ctrl+C (SIGINT) when a line of output matches.</param>
    public PublishResult Publish(IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string>? environment = null, bool defaultRepository = false, bool containerize = true, Func<string, bool>? interruptWhen = null)
    {
        var n = ++_publishes;
        var extra = (arguments ?? []).ToList();
        if (!defaultRepository && !extra.Any(a => a.StartsWith("-p:ContainerRepository=", StringComparison.Ordinal)))
        {
            extra.Insert(0, $"-p:ContainerRepository={Repository}");
        }

        // Every image a test builds is started once, briefly, by the package's own smoke check.
        if (!extra.Any(a => a.StartsWith("-p:MultiStageSmokeTest=", StringComparison.Ordinal)))
        {
            extra.AddRange(["-p:MultiStageSmokeTest=true", $"-p:MultiStageSmokeTestSeconds={SmokeTestSeconds}"]);
        }

        string[] switches = UsesProjectSdk ? [] : containerize ? ["-c", "Release", "-p:ContainerizeMultiStage=true"] : ["-c", "Release"];
        var log = Path.Combine(Root, $"publish-{LogPrefix}{n}");
        return DotNetCli.Run(Directory, ["publish", ProjectFile, .. switches, .. DotNetCli.MSBuildSwitches($"{log}.binlog"), .. extra], $"{log}.log", environment, interruptWhen);
    }

    /// <summary>Runs a test of this app: its evidence is kept when it fails, and its image is removed after, either way.</summary>
    public async Task TestAsync(Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            KeepEvidence(TestContext.CurrentContext.Test.Name);
            throw;
        }
        finally
        {
            await Engine.RemoveImageAsync(Reference);
        }
    }

    /// <summary>Gets the binlog of the last publish.</summary>
    public string LastBinlog => Path.Combine(Root, $"publish-{LogPrefix}{_publishes}.binlog");

    /// <summary>Keeps the logs, binlogs and rendered files of a failed test under artifacts/test-evidence.</summary>
    public void KeepEvidence(string testName)
    {
        var target = Path.Combine(Infrastructure.Repository.Evidence, $"{Name}-{testName}");
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(Root).Where(f => f.EndsWith(".log", StringComparison.Ordinal) || f.EndsWith(".binlog", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        if (System.IO.Directory.Exists(RenderedDirectory))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(RenderedDirectory))
            {
                File.Copy(file, Path.Combine(target, $"{LogPrefix}{Path.GetFileName(file)}"), overwrite: true);
            }
        }

        TestContext.Progress.WriteLine($"Evidence of {testName} kept in {target}");
    }

    /// <summary>Gets what tells this app's files apart from those of other apps under the same root.</summary>
    private string LogPrefix => Path.GetFileName(Directory) == DefaultFolder ? "" : $"{Path.GetFileName(Directory)}-";

    private static bool IsGoVendor(string root, string[] folder) =>
        folder[^1] == "vendor" && File.Exists(Path.Combine([root, .. folder, "modules.txt"]));

    private static void Copy(string from, string to)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var segments = relative.Split(Path.DirectorySeparatorChar);
            if (segments.Select((segment, i) => NotCopied.Contains(segment) && !IsGoVendor(from, segments[..(i + 1)])).Any(skip => skip))
            {
                continue;
            }

            var destination = Path.Combine(to, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
