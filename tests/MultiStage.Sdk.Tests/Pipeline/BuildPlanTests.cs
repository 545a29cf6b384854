using MultiStage.Sdk.Context;
using MultiStage.Sdk.Pipeline;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Pipeline;

public class BuildPlanTests
{
    private static readonly BuildPlan Plan = new()
    {
        Stack = "dotnet",
        BuildFrom = "source",
        Builder = "buildkit",
        RuntimeIdentifier = "linux-arm64",
        Dockerfile = "/p/obj/multistage/Dockerfile",
        DockerIgnore = "/p/obj/multistage/.dockerignore",
        ContextDirectory = "/p",
        PlanFiles = ["/p/obj/multistage/package-files.txt"],
        HostFiles = [new ContextFile(".multistage/packages/a.1.0.0.nupkg", "/home/u/.nuget/packages/a/1.0.0/a.1.0.0.nupkg")],
        BuilderSourceRoot = "/src",
    };

    [Test]
    public void A_written_plan_reads_back_the_same()
    {
        using var project = new TempProject();
        var path = Path.Combine(project.Directory, BuildPlan.FileName);
        Plan.Write(path);
        var read = BuildPlan.Read(path);

        Assert.That(read with { PlanFiles = Plan.PlanFiles, HostFiles = Plan.HostFiles }, Is.EqualTo(Plan));
        Assert.That(read.PlanFiles, Is.EqualTo(Plan.PlanFiles));
        Assert.That(read.HostFiles, Is.EqualTo(Plan.HostFiles));
    }

    [Test]
    public void An_unchanged_plan_leaves_the_file_untouched()
    {
        using var project = new TempProject();
        var path = Path.Combine(project.Directory, BuildPlan.FileName);
        Plan.Write(path);
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        Plan.Write(path);
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(stamp));
        (Plan with { BuildFrom = "publish" }).Write(path);
        Assert.That(File.GetLastWriteTimeUtc(path), Is.Not.EqualTo(stamp));
    }

    [TestCase(null)]
    [TestCase("{ not json")]
    [TestCase("null")]
    public void A_missing_or_broken_plan_is_MSTAGE2005(string? content)
    {
        using var project = new TempProject();
        var path = Path.Combine(project.Directory, BuildPlan.FileName);
        if (content is not null)
        {
            File.WriteAllText(path, content);
        }

        var error = Assert.Throws<MultiStageException>(() => BuildPlan.Read(path))!;
        Assert.That(error.Diagnostic.Code, Is.EqualTo("MSTAGE2005"));
        Assert.That(error.Diagnostic.Message, Does.Contain("Publish again"));
    }
}
