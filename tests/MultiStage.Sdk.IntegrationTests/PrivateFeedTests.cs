using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The feeds sample with a company's private feed added, as a user's nuget.config adds one: a NuGet v3
/// feed on 127.0.0.1 that needs a user and password, given in the nuget.config's
/// <c>packageSourceCredentials</c>. Built from the sources (MultiStageBuildFrom=source): the builder's
/// restore needs neither the feed nor its credentials, since the package is carried into the context
/// from this machine's restore, and the password ends up in no image, log or file under obj/.
/// </summary>
[NonParallelizable]
public class PrivateFeedTests
{
    private readonly string _password = $"pw-{Guid.NewGuid():N}";
    private TestApp _app = null!;
    private PrivateNuGetFeed _feed = null!;
    private PublishResult _publish = null!;
    private IReadOnlyList<string> _imagesMade = [];

    [OneTimeSetUp]
    public async Task Publish()
    {
        _app = TestApp.FromSample("dotnet-feeds", "feeds-private");
        _feed = new PrivateNuGetFeed(PackLicensing(), "ci", _password);
        _app.Edit("nuget.config", config => config.Replace("  </packageSources>", $"""
                <add key="acme private" value="{_feed.ServiceIndex}" protocolVersion="3" allowInsecureConnections="true" />
              </packageSources>
              <packageSourceCredentials>
                <acme_x0020_private>
                  <add key="Username" value="ci" />
                  <add key="ClearTextPassword" value="{_password}" />
                </acme_x0020_private>
              </packageSourceCredentials>
            """));
        _app.Edit("dotnet-feeds.csproj", project => project.Replace(
            "<PackageReference Include=\"Acme.Greeting\" Version=\"1.0.0\" />",
            "<PackageReference Include=\"Acme.Greeting\" Version=\"1.0.0\" />\n    <PackageReference Include=\"Acme.Licensing\" Version=\"2.0.0\" />"));
        _app.Edit("Program.cs", program => program + "Console.WriteLine(Acme.Licensing.License.Holder);\n");

        var before = await Engine.ImageIdsAsync();
        _publish = _app.Publish(["-p:MultiStageBuildFrom=source"]);
        _imagesMade = [.. (await Engine.ImageIdsAsync()).Except(before)];
        if (!_publish.Succeeded)
        {
            _app.KeepEvidence("publish");
        }

        Assert.That(_publish.Succeeded, _publish.ToString());
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _feed.DisposeAsync();
        await Engine.RemoveImageAsync(_app.Reference);
    }

    [Test]
    public async Task The_app_runs_with_the_package_of_the_private_feed_and_the_one_of_its_folder_feed()
    {
        var (exitCode, output) = await Engine.RunAsync(_app.Reference);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output.Trim().Split('\n').Select(l => l.Trim()), Is.EqualTo(new[] { "Hello, container, from a vendored package.", "Licensed to Acme Corp." }));
    }

    [Test]
    public void The_builder_never_asked_the_private_feed_for_the_package_the_host_restore_downloaded()
    {
        Assert.That(_feed.Downloads, Is.EqualTo(new[] { "Acme.Licensing 2.0.0" }));
        Assert.That(File.ReadAllText(Path.Combine(_app.RenderedDirectory, "nuget.config")), Does.Not.Contain($":{_feed.Port}/"));
        Assert.That(File.ReadAllText(_app.RenderedDockerfile), Does.Contain("COPY [\".multistage/packages/\", \".multistage/packages/\"]"));
    }

    [Test]
    public async Task The_password_is_in_no_image_the_build_made()
    {
        Assert.That(_imagesMade, Is.Not.Empty);
        Assert.That(_imagesMade, Does.Contain(_publish.ImageId));
        Assert.That(await SecretScan.ImagesHoldAsync(_imagesMade, _password), Is.False);
        Assert.That(await SecretScan.ImagesHoldAsync(_imagesMade, "\"Acme.Licensing/2.0.0\""), Is.True, "the scan must see the layers (the app's deps.json names the package)");
    }

    [Test]
    public void The_password_is_in_no_log_and_no_file_under_obj()
    {
        Assert.That(_publish.Output, Does.Not.Contain(_password));
        Assert.That(SecretScan.BinlogHolds(_app.LastBinlog, _password), Is.False);
        Assert.That(SecretScan.BinlogHolds(_app.LastBinlog, "Acme.Licensing"), Is.True, "the scan must see the binlog's events");
        Assert.That(SecretScan.FilesHolding(Path.Combine(_app.Directory, "obj"), _password), Is.Empty);
    }

    /// <summary>Packs the private feed's one package, Acme.Licensing 2.0.0, into a folder of its own.</summary>
    private string PackLicensing()
    {
        var source = Path.Combine(_app.Root, "acme-licensing");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "Acme.Licensing.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
                <Version>2.0.0</Version>
                <Authors>Acme</Authors>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(source, "License.cs"), "namespace Acme.Licensing { public static class License { public static string Holder => \"Licensed to Acme Corp.\"; } }\n");
        var output = Path.Combine(_app.Root, "private-feed");
        var pack = DotNetCli.Run(source, ["pack", "-c", "Release", "-o", output, .. DotNetCli.MSBuildSwitches(Path.Combine(_app.Root, "pack-licensing.binlog"))], Path.Combine(_app.Root, "pack-licensing.log"));
        Assert.That(pack.Succeeded, pack.ToString());
        return output;
    }
}
