using MultiStage.Sdk.Reporting;
using MultiStage.Sdk.Rendering;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Stacks;

/// <summary>A web project, two libraries (one in another folder tree), a test project and an unrelated tool, under a solution.</summary>
public class DotNetContextTests
{
    private static string Project(params string[] references) =>
        $"<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup>{string.Concat(references.Select(r => $"<ProjectReference Include=\"{r}\" />"))}</ItemGroup></Project>";

    private static TempProject Solution()
    {
        var repo = new TempProject("Shop.sln");
        repo.Write("Directory.Build.props", "<Project />");
        repo.Write("Directory.Packages.props", "<Project />");
        repo.Write("nuget.config", "<configuration />");
        repo.Write("src/Web/Web.csproj", Project(@"..\Lib.A\Lib.A.csproj"));
        repo.Write("src/Web/Program.cs", "");
        repo.Write("src/Lib.A/Lib.A.csproj", Project("../../libs/Lib.B/Lib.B.csproj"));
        repo.Write("libs/Lib.B/Lib.B.csproj", Project());
        repo.Write("tests/Web.Tests/Web.Tests.csproj", Project("../../src/Web/Web.csproj"));
        repo.Write("tools/Other/Other.csproj", Project());
        return repo;
    }

    private static ProjectFacts Facts(TempProject repo, string? context = null) => new()
    {
        ProjectFile = Path.Combine(repo.Directory, "src", "Web", "Web.csproj"),
        ContextDirectory = context,
        AssemblyName = "Web",
        TargetFramework = "net10.0",
        IsWebProject = true,
    };

    [Test]
    public void The_context_is_the_common_root_of_the_projects_and_the_files_restore_reads()
    {
        using var repo = Solution();
        var context = DotNetContext.Find(Facts(repo));

        Assert.That(context.Root, Is.EqualTo(repo.Directory));
        Assert.That(context.ProjectFile, Is.EqualTo("src/Web/Web.csproj"));
        Assert.That(context.RestoreFiles, Is.EqualTo(new[]
        {
            "Directory.Build.props", "Directory.Packages.props",
            "src/Web/Web.csproj", "src/Lib.A/Lib.A.csproj", "libs/Lib.B/Lib.B.csproj",
        }));
    }

    [Test]
    public void The_users_nuget_config_files_stay_out_of_the_context_since_the_builder_restores_with_its_own()
    {
        using var repo = Solution();
        repo.Write("src/Web/NuGet.Config", "<configuration />");
        var context = DotNetContext.Find(Facts(repo));

        Assert.That(context.RestoreFiles, Has.None.EndsWith("nuget.config").IgnoreCase);
        Assert.That(context.Exclusions, Does.Contain("nuget.config").And.Contain("src/Web/NuGet.Config"));
    }

    [Test]
    public void Test_projects_and_unrelated_projects_are_left_out()
    {
        using var repo = Solution();
        Assert.That(DotNetContext.Find(Facts(repo)).Exclusions.Order(), Is.EqualTo(new[] { "nuget.config", "tests/Web.Tests", "tools/Other" }));
    }

    [Test]
    public void The_restore_layer_copies_every_restore_file_at_its_path_and_restores_the_app()
    {
        using var repo = Solution();
        var rendered = DockerfileOutput.Write(Facts(repo), new ContainerOptions(), null, new DockerfileSource(Templates.Directory), Path.Combine(repo.Directory, "obj"));
        var lines = File.ReadAllLines(rendered.DockerfilePath).ToList();
        var restore = lines.IndexOf("RUN dotnet restore \"src/Web/Web.csproj\"");

        Assert.That(rendered.Plan.ContextDirectory, Is.EqualTo(repo.Directory));
        Assert.That(lines.IndexOf("COPY [\"libs/Lib.B/Lib.B.csproj\", \"libs/Lib.B/Lib.B.csproj\"]"), Is.InRange(0, restore));
        Assert.That(lines.IndexOf("COPY [\"Directory.Packages.props\", \"Directory.Packages.props\"]"), Is.InRange(0, restore));
        Assert.That(lines, Has.None.Contains("Web.Tests"));
        Assert.That(File.ReadAllLines(rendered.DockerIgnorePath), Does.Contain("tests/Web.Tests").And.Contain("tools/Other"));
    }

    [Test]
    public void Files_from_packages_get_a_layer_of_their_own_before_the_apps_files()
    {
        using var repo = Solution();
        var rendered = DockerfileOutput.Write(Facts(repo) with { PackageFiles = ["Newtonsoft.Json.dll", "runtimes/linux-x64/native/libe_sqlite3.so"] }, new ContainerOptions(), null, new DockerfileSource(Templates.Directory), Path.Combine(repo.Directory, "obj"));
        var lines = File.ReadAllLines(rendered.DockerfilePath).ToList();

        Assert.That(rendered.ContextFiles, Has.Count.EqualTo(1));
        Assert.That(File.ReadAllLines(rendered.ContextFiles[0]), Is.EqualTo(new[] { "Newtonsoft.Json.dll", "runtimes/linux-x64/native/libe_sqlite3.so" }));
        Assert.That(lines, Has.Some.Contains("done < \"/src/.multistage/package-files.txt\""));
        Assert.That(lines.IndexOf("COPY --from=builder /app/dependencies ."), Is.GreaterThan(0).And.LessThan(lines.IndexOf("COPY --from=builder /app/publish .")));
    }

    [Test]
    public void Without_package_files_there_is_no_dependencies_layer()
    {
        using var repo = Solution();
        var rendered = DockerfileOutput.Write(Facts(repo), new ContainerOptions(), null, new DockerfileSource(Templates.Directory), Path.Combine(repo.Directory, "obj"));

        Assert.That(rendered.ContextFiles, Is.Empty);
        Assert.That(File.ReadAllText(rendered.DockerfilePath), Does.Not.Contain("/app/dependencies"));
    }

    [Test]
    public void A_chosen_context_directory_wins_and_bounds_the_search()
    {
        using var repo = Solution();
        var context = DotNetContext.Find(Facts(repo, Path.Combine(repo.Directory, "src")) with { ReferencedProjects = [] });

        Assert.That(context.Root, Is.EqualTo(Path.Combine(repo.Directory, "src")));
        Assert.That(context.RestoreFiles, Does.Not.Contain("Directory.Build.props"));
    }
}
