using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary><c>-p:PublishProfile=MultiStage</c> containerizes with no property set: from the package's profile, or the project's own.</summary>
[NonParallelizable]
public class PublishProfileTests
{
    private static readonly Dictionary<string, string> NoEngine = new() { ["DOCKER_HOST"] = "unix:///tmp/multistage-no-such-engine.sock" };

    [TestCase("dotnet-console", "profile-package", false)]
    [TestCase("dotnet-web", "profile-project", true)]
    public void The_MultiStage_profile_switches_containerizing_on(string sample, string name, bool projectHasProfile)
    {
        var app = TestApp.FromSample(sample, name);
        Assert.That(File.Exists(app.PathOf("Properties/PublishProfiles/MultiStage.pubxml")), Is.EqualTo(projectHasProfile));

        var result = app.Publish(["-p:PublishProfile=MultiStage", "-p:MultiStageBuildImage=false"], NoEngine, containerize: false);
        if (!result.Succeeded || !File.Exists(app.RenderedDockerfile))
        {
            app.KeepEvidence(TestContext.CurrentContext.Test.Name);
        }

        Assert.That(result.Succeeded, result.ToString());
        Assert.That(app.RenderedDockerfile, Does.Exist, "the profile did not switch ContainerizeMultiStage on");
        Assert.That(result.Output, Does.Not.Contain("NETSDK1198"), "the SDK did not find the publish profile");
    }

    [Test]
    public void Without_the_profile_a_plain_publish_containerizes_nothing()
    {
        var app = TestApp.FromSample("dotnet-console", "profile-none");
        var result = app.Publish(["-p:MultiStageBuildImage=false"], NoEngine, containerize: false);

        Assert.That(result.Succeeded, result.ToString());
        Assert.That(app.RenderedDockerfile, Does.Not.Exist);
    }
}
