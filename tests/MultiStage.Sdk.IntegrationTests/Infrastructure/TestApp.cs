using System.Diagnostics;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// A copy of a sample in the run's folder, laid out as a user's machine would be: the app in
/// <c>app/</c> (the build context), and above it a nuget.config that adds the local feed and a probe
/// target that prints the MSBuild outputs, both outside the context.
/// </summary>
internal sealed class TestApp
{
    private int _publishes;

    private TestApp(string name, string root)
    {
        Name = name;
        Root = root;
        Repository = $"multistage-it/{name}-{Path.GetFileName(IntegrationRun.Directory)[^6..]}";
    }

    public string Name { get; }

    public string Root { get; }

    public string Directory => Path.Combine(Root, "app");

    /// <summary>Gets the unique repository the tests tag this app's image with.</summary>
    public string Repository { get; }

    public string Reference => $"{Repository}:latest";

    public string RenderedDockerfile => Path.Combine(Directory, "obj", "Release", "net10.0", "multistage", "Dockerfile");

    public static TestApp FromSample(string sample, string name)
    {
        var app = new TestApp(name, Path.Combine(IntegrationRun.Directory, name));
        Copy(Path.Combine(Infrastructure.Repository.Samples, sample), app.Directory);
        File.WriteAllText(Path.Combine(app.Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="multistage-local" value="{Infrastructure.Repository.PackagesDirectory}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app.Root, "Directory.Build.targets"), """
            <Project>
              <Target Name="_Probe" AfterTargets="MultiStageContainerize" Condition="'$(ContainerizeMultiStage)' == 'true'">
                <Message Importance="high" Text="PROBE ContainerImageId=$(ContainerImageId)" />
                <Message Importance="high" Text="PROBE ContainerImageSize=$(ContainerImageSize)" />
                <Message Importance="high" Text="PROBE ContainerRepository=$(ContainerRepository)" />
              </Target>
            </Project>
            """);
        return app;
    }

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public void Edit(string relative, Func<string, string> change) => File.WriteAllText(PathOf(relative), change(File.ReadAllText(PathOf(relative))));

    /// <summary>Runs <c>dotnet publish -c Release -p:ContainerizeMultiStage=true</c> with extra arguments and environment.</summary>
    /// <remarks>The app's unique repository is passed unless the arguments set ContainerRepository themselves, or <paramref name="defaultRepository"/> asks for the package's default.</remarks>
    public PublishResult Publish(IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string>? environment = null, bool defaultRepository = false)
    {
        var n = ++_publishes;
        var extra = (arguments ?? []).ToList();
        if (!defaultRepository && !extra.Any(a => a.StartsWith("-p:ContainerRepository=", StringComparison.Ordinal)))
        {
            extra.Insert(0, $"-p:ContainerRepository={Repository}");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "publish", "-c", "Release", "-p:ContainerizeMultiStage=true", "-nologo", "-tl:false", "-v:n", "-nodeReuse:false", $"-bl:{Path.Combine(Root, $"publish-{n}.binlog")}" }.Concat(extra))
        {
            start.ArgumentList.Add(a);
        }

        // The test host runs under dotnet test: its MSBuild variables must not leak into the user-like publish.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["NUGET_PACKAGES"] = IntegrationRun.NuGetPackages;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
        }

        var result = new PublishResult(process.ExitCode, stdout + stderr.Result);
        File.WriteAllText(Path.Combine(Root, $"publish-{n}.log"), result.ToString());
        return result;
    }

    /// <summary>Keeps the logs, binlogs and rendered files of a failed test under artifacts/test-evidence.</summary>
    public void KeepEvidence(string testName)
    {
        var target = Path.Combine(Infrastructure.Repository.Evidence, $"{Name}-{testName}");
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(Root, "publish-*"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        var rendered = Path.GetDirectoryName(RenderedDockerfile)!;
        if (System.IO.Directory.Exists(rendered))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(rendered))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
            }
        }

        TestContext.Progress.WriteLine($"Evidence of {testName} kept in {target}");
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj")
            {
                continue;
            }

            var destination = Path.Combine(to, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
