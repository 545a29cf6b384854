using System.Xml.Linq;
using MultiStage.Sdk.Reporting;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Stacks;

/// <summary>The builder's feeds, worked out from what the host's restore left on disk.</summary>
public class BuilderFeedsTests
{
    private const string Public = "https://packages.example.test/v3/index.json";
    private const string Private = "https://private.example.test/v3/index.json";
    private const string Password = "s3cret-Passw0rd";

    private static string Config(string sources, string extra = "") => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
        {sources}
          </packageSources>
        {extra}
        </configuration>
        """;

    private static XElement Parse(BuilderFeeds feeds) => XDocument.Parse(feeds.NuGetConfig).Root!;

    private static IEnumerable<(string Key, string Value)> SourcesOf(BuilderFeeds feeds) =>
        Parse(feeds).Element("packageSources")!.Elements("add").Select(a => (a.Attribute("key")!.Value, a.Attribute("value")!.Value));

    [Test]
    public void A_folder_feeds_packages_are_carried_and_an_anonymous_source_is_kept_under_its_own_key()
    {
        using var project = new TempProject();
        project.Write("nuget.config", Config($"""<add key="public" value="{Public}" protocolVersion="3" /><add key="local" value="eng/localfeed" />"""));
        var layout = new RestoreLayout(project)
            .Source(Public, "nuget.config").Source(Path.Combine(project.Directory, "eng", "localfeed") + "/")
            .Package("Vendor.Tax", "1.0.0", Path.Combine(project.Directory, "eng", "localfeed") + "/")
            .Package("Newtonsoft.Json", "13.0.3", Public);

        var feeds = BuilderFeeds.Plan(layout.Write(), _ => true);

        Assert.That(feeds.Packages.Select(p => p.Path), Is.EqualTo(new[] { ".multistage/packages/vendor.tax.1.0.0.nupkg" }));
        Assert.That(File.ReadAllText(feeds.Packages[0].Source), Is.EqualTo("Vendor.Tax 1.0.0"));
        Assert.That(Parse(feeds).Element("packageSources")!.Elements().First().Name.LocalName, Is.EqualTo("clear"));
        Assert.That(SourcesOf(feeds), Is.EqualTo(new[] { (BuilderFeeds.CarriedKey, "packages"), ("public", Public) }));
        Assert.That(Parse(feeds).Element("packageSources")!.Elements("add").Last().Attribute("protocolVersion")?.Value, Is.EqualTo("3"));
    }

    [Test]
    public void A_source_with_credentials_is_left_out_and_its_packages_carried_and_no_credential_is_written()
    {
        using var project = new TempProject();
        project.Write("nuget.config", Config(
            $"""<add key="public" value="{Public}" /><add key="private feed" value="{Private}" />""",
            $"""<packageSourceCredentials><private_x0020_feed><add key="Username" value="ci" /><add key="ClearTextPassword" value="{Password}" /></private_x0020_feed></packageSourceCredentials>"""));
        var layout = new RestoreLayout(project).Source(Public, "nuget.config").Source(Private).Package("Acme.Billing", "2.1.0", Private).Package("Serilog", "4.0.0", Public);
        var probed = new List<string>();

        var feeds = BuilderFeeds.Plan(layout.Write(), s => { probed.Add(s); return true; });

        Assert.That(feeds.Packages.Select(p => p.Path), Is.EqualTo(new[] { ".multistage/packages/acme.billing.2.1.0.nupkg" }));
        Assert.That(SourcesOf(feeds).Select(s => s.Value), Is.EqualTo(new[] { "packages", Public }));
        Assert.That(probed, Is.EqualTo(new[] { Public }), "a source with credentials is never asked anything");
        Assert.That(feeds.NuGetConfig, Does.Not.Contain(Password).And.Not.Contain("private.example.test").And.Not.Contain("Credentials"));
    }

    [Test]
    public void A_source_that_refuses_anonymous_reads_has_its_packages_carried_as_behind_a_credential_provider()
    {
        using var project = new TempProject();
        var layout = new RestoreLayout(project).Source(Public).Source(Private).Package("Acme.Billing", "2.1.0", Private).Package("Serilog", "4.0.0", Public);

        var feeds = BuilderFeeds.Plan(layout.Write(), s => s == Public);

        Assert.That(feeds.Packages.Select(p => p.Path), Is.EqualTo(new[] { ".multistage/packages/acme.billing.2.1.0.nupkg" }));
        Assert.That(SourcesOf(feeds).Select(s => s.Value), Is.EqualTo(new[] { "packages", Public }));
    }

    [Test]
    public void A_source_url_with_a_user_and_password_is_never_written_and_its_packages_are_carried()
    {
        using var project = new TempProject();
        var withUser = $"https://ci:{Password}@private.example.test/v3/index.json";
        var layout = new RestoreLayout(project).Source(withUser).Package("Acme.Billing", "2.1.0", withUser);

        var feeds = BuilderFeeds.Plan(layout.Write(), _ => true);

        Assert.That(feeds.Packages, Has.Count.EqualTo(1));
        Assert.That(feeds.NuGetConfig, Does.Not.Contain(Password));
    }

    [Test]
    public void Packages_from_a_fallback_folder_are_carried_and_with_nothing_carried_there_is_no_carried_feed()
    {
        using var project = new TempProject();
        var fallback = new RestoreLayout(project).Source(Public).Package("Old.Package", "1.0.0", source: null);
        Assert.That(BuilderFeeds.Plan(fallback.Write(), _ => true).Packages.Select(p => p.Path), Is.EqualTo(new[] { ".multistage/packages/old.package.1.0.0.nupkg" }));

        using var plain = new TempProject();
        var feeds = BuilderFeeds.Plan(new RestoreLayout(plain).Source(Public).Package("Serilog", "4.0.0", Public).Write(), _ => true);
        Assert.That(feeds.Packages, Is.Empty);
        Assert.That(SourcesOf(feeds).Select(s => s.Key), Is.EqualTo(new[] { "source-1" }));
    }

    [Test]
    public void Package_source_mapping_is_kept_for_the_sources_the_builder_uses_and_each_carried_package_maps_to_its_folder()
    {
        using var project = new TempProject();
        project.Write("nuget.config", Config(
            $"""<add key="public" value="{Public}" /><add key="private" value="{Private}" />""",
            """
            <packageSourceMapping>
              <packageSource key="public"><package pattern="*" /></packageSource>
              <packageSource key="private"><package pattern="Acme.*" /></packageSource>
            </packageSourceMapping>
            <packageSourceCredentials><private><add key="Username" value="ci" /><add key="ClearTextPassword" value="x" /></private></packageSourceCredentials>
            """));
        var layout = new RestoreLayout(project).Source(Public, "nuget.config").Source(Private).Package("Acme.Billing", "2.1.0", Private).Package("Serilog", "4.0.0", Public);

        var mapping = Parse(BuilderFeeds.Plan(layout.Write(), _ => true)).Element("packageSourceMapping")!;

        Assert.That(mapping.Elements().First().Name.LocalName, Is.EqualTo("clear"));
        Assert.That(
            mapping.Elements("packageSource").Select(s => (s.Attribute("key")!.Value, string.Join(",", s.Elements("package").Select(p => p.Attribute("pattern")!.Value)))),
            Is.EqualTo(new[] { (BuilderFeeds.CarriedKey, "Acme.Billing"), ("public", "*") }));
    }

    [Test]
    public void A_package_that_must_be_carried_but_has_no_nupkg_on_this_machine_is_a_coded_error_that_says_what_to_do()
    {
        using var project = new TempProject();
        var layout = new RestoreLayout(project).Source(Private).Package("Acme.Billing", "2.1.0", Private, withNupkg: false);

        var error = Assert.Throws<MultiStageException>(() => BuilderFeeds.Plan(layout.Write(), _ => false))!.Diagnostic;

        Assert.That(error.Code, Is.EqualTo("MSTAGE1020"));
        Assert.That(error.Message, Does.Contain("Acme.Billing 2.1.0").And.Contain("dotnet restore").And.Contain("MultiStageBuildFrom=publish"));
    }

    [Test]
    public void Without_the_restore_output_it_is_a_coded_error()
    {
        using var project = new TempProject();
        var error = Assert.Throws<MultiStageException>(() => BuilderFeeds.Plan(Path.Combine(project.Directory, "obj", "project.assets.json"), _ => true))!.Diagnostic;
        Assert.That(error.Code, Is.EqualTo("MSTAGE1032"));
    }
}
