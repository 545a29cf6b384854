using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// ContainerOsPackage, ContainerBuildArg, ContainerLabel, the health check and the generated OCI labels,
/// on the console sample: one publish, checked as a person would with docker inspect, history and export.
/// </summary>
[NonParallelizable]
public class ImageItemsTests
{
    /// <summary>A small Debian 12 package the runtime stand-in lacks: it brings /etc/services and /etc/protocols.</summary>
    private const string Package = "netbase";

    private const string BuildArgValue = "not-in-the-final-image";

    [Test]
    public async Task An_os_package_is_installed_in_one_clean_layer_and_the_config_has_labels_and_a_health_check()
    {
        var app = TestApp.FromSample("dotnet-console", "items");
        try
        {
            app.Edit("dotnet-console.csproj", project => project.Replace("</Project>", $"""
                  <PropertyGroup>
                    <Version>1.4.2</Version>
                    <RepositoryUrl>https://example.com/shop/console.git</RepositoryUrl>
                    <ContainerHealthCheck>test -s /etc/services || exit 1</ContainerHealthCheck>
                    <ContainerHealthCheckInterval>1m</ContainerHealthCheckInterval>
                    <ContainerHealthCheckRetries>2</ContainerHealthCheckRetries>
                  </PropertyGroup>
                  <ItemGroup>
                    <ContainerOsPackage Include="{Package}" />
                    <ContainerLabel Include="org.opencontainers.image.title" Value="Shop console" />
                    <ContainerBuildArg Include="SHOP_FEED" Value="{BuildArgValue}" />
                  </ItemGroup>
                </Project>
                """));

            // Build arguments are for the builder stage's steps: from the publish there are none.
            var publish = app.Publish(["-p:SourceRevisionId=0123abc", "-p:MultiStageBuildFrom=source"]);
            Assert.That(publish.Succeeded, publish.ToString());
            Assert.That(publish.Output, Does.Not.Contain("not consumed"), "the builder declares the build argument");
            Assert.That(File.ReadAllText(app.RenderedDockerfile), Does.Contain("ARG SHOP_FEED").And.Not.Contain(BuildArgValue));

            var files = await ImageFiles.ReadAsync(app.Reference, "var/lib/dpkg/status");
            Assert.That(files.Contains("etc/services") && files.Contains("etc/protocols"), $"{Package}'s files are in the image");
            Assert.That(files.TextOf("var/lib/dpkg/status"), Does.Contain($"Package: {Package}\nStatus: install ok installed"));
            Assert.That(files.Under("var/lib/apt/lists"), Is.EqualTo(new[] { "var/lib/apt/lists" }), "apt's package lists are removed in the layer that downloaded them");

            var history = await Engine.HistoryAsync(app.Reference);
            Assert.That(history.Where(h => h.CreatedBy.Contains("apt-get", StringComparison.Ordinal)).Select(h => h.Size > 0), Is.EqualTo(new[] { true }), "one layer installs the package");
            Assert.That(history.Select(h => h.CreatedBy), Has.None.Contains(BuildArgValue));

            var config = (await Engine.InspectAsync(app.Reference)).Config!;
            Assert.That(config.Labels, Does.Contain(new KeyValuePair<string, string>("org.opencontainers.image.title", "Shop console"))
                .And.Contain(new KeyValuePair<string, string>("org.opencontainers.image.version", "1.4.2"))
                .And.Contain(new KeyValuePair<string, string>("org.opencontainers.image.revision", "0123abc"))
                .And.Contain(new KeyValuePair<string, string>("org.opencontainers.image.source", "https://example.com/shop/console.git")));
            Assert.That(config.Labels!.Keys, Has.None.EqualTo("org.opencontainers.image.created"), "no timestamp unless asked for");
            Assert.That(config.Healthcheck!.Test, Is.EqualTo(new[] { "CMD-SHELL", "test -s /etc/services || exit 1" }));
            Assert.That((config.Healthcheck.Interval, config.Healthcheck.Retries), Is.EqualTo((TimeSpan.FromMinutes(1), 2L)));

            var (exitCode, output) = await Engine.RunAsync(app.Reference);
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("as user app."), "the package is installed as root, the app still runs as app");
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
}
