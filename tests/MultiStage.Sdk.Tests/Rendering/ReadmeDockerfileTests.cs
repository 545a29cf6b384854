using MultiStage.Sdk.Rendering;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Rendering;

/// <summary>The README's Dockerfile samples are what the templates render for the app they describe, not typed by hand.</summary>
public class ReadmeDockerfileTests
{
    private static readonly IReadOnlyList<KeyValuePair<string, string>> Labels = [new("org.opencontainers.image.title", "dotnet-web"), new("org.opencontainers.image.version", "1.0.0")];

    /// <summary>The README's <paramref name="index"/>th <c>```dockerfile</c> block, without its list indentation.</summary>
    private static string ReadmeSample(int index)
    {
        var lines = File.ReadAllLines(RepositoryFiles.PathOf("README.md"));
        var starts = lines.Select((l, i) => (l, i)).Where(x => x.l.Trim() == "```dockerfile").Select(x => x.i).ToList();
        Assert.That(starts, Has.Count.GreaterThan(index), "the README has fewer Dockerfile samples");
        var indent = lines[starts[index]].IndexOf('`', StringComparison.Ordinal);
        return string.Join('\n', lines.Skip(starts[index] + 1).TakeWhile(l => l.Trim() != "```").Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())) + "\n";
    }

    private static ProjectFacts Facts(TempProject project) => new()
    {
        ProjectFile = project.ProjectFile,
        ContextDirectory = project.Directory,
        AssemblyName = "dotnet-web",
        TargetFramework = "net10.0",
        IsWebProject = true,
        ContainerRuntimeIdentifier = "linux-x64",
    };

    private static string Render(TempProject project, ProjectFacts facts) =>
        File.ReadAllText(DockerfileOutput.Write(facts, new ContainerOptions { Labels = Labels, Builder = "buildkit" }, "auto", new DockerfileSource(Templates.Directory), Path.Combine(project.Directory, "obj", "multistage")).DockerfilePath);

    [Test]
    public void The_publish_sample_is_what_a_web_app_with_packages_renders()
    {
        using var project = new TempProject("dotnet-web.csproj");
        var publish = Path.Combine(project.Directory, "bin", "Release", "net10.0", "publish");
        foreach (var file in new[] { "dotnet-web.dll", "Humanizer.dll" })
        {
            project.Write(Path.Combine(publish, file), file);
        }

        var rendered = Render(project, Facts(project) with { FromPublish = true, PublishDirectory = publish, PackageFiles = ["Humanizer.dll"] });

        Assert.That(ReadmeSample(0), Is.EqualTo(rendered));
    }

    [Test]
    public void The_source_sample_is_what_a_web_app_with_a_folder_feed_renders_after_its_header()
    {
        using var project = new TempProject("dotnet-web.csproj");
        var feed = Path.Combine(project.Directory, "eng", "localfeed") + "/";
        var assets = new Stacks.RestoreLayout(project).Source(feed).Package("Vendor.Tax", "1.0.0", feed).Write();

        var rendered = Render(project, Facts(project) with { FromPublish = false, ProjectAssetsFile = assets });

        Assert.That(ReadmeSample(1), Is.EqualTo(rendered[rendered.IndexOf("FROM ", StringComparison.Ordinal)..]));
    }
}
