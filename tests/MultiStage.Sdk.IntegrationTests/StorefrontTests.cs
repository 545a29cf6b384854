using System.Net;
using System.Text.Json;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The storefront sample, a solution as a team would keep it: a web app over four libraries (a SQLite
/// catalogue, pricing through a vendor's package from the repository's folder feed, a Razor class
/// library's css), central package management and a test project. The web project is published both
/// ways, and the image is checked as its user would check it.
/// </summary>
[NonParallelizable]
[TestFixture("publish")]
[TestFixture("source")]
public class StorefrontTests(string buildFrom) : PublishedAppFixture("dotnet-storefront", $"storefront-{buildFrom}", $"-p:MultiStageBuildFrom={buildFrom}")
{
    /// <summary>The seeded catalogue, priced with the vendor's 21 % rate: tea 4.00 → 4.84, coffee 3.50 → 4.235 → 4.24, cake 2.75 → 3.3275 → 3.33; cocoa is not on sale.</summary>
    private const string Products = """[{"name":"tea","price":4.00,"priceWithTax":4.84},{"name":"coffee","price":3.50,"priceWithTax":4.24},{"name":"cake","price":2.75,"priceWithTax":3.33}]""";

    private const string Css = "/_content/Storefront.Components/storefront.css";

    private protected override string Project => "src/Storefront.Web/Storefront.Web.csproj";

    [Test]
    [Order(1)]
    public async Task The_image_answers_with_the_catalogue_priced_through_the_libraries_and_the_vendor_package()
    {
        var answer = await GetAsync("/");
        var health = await GetAsync("/healthz");

        Assert.That((answer.Status, answer.Body), Is.EqualTo((HttpStatusCode.OK, $$"""{"store":"storefront","products":{{Products}}}""")), answer.Logs);
        Assert.That((health.Status, health.Body), Is.EqualTo((HttpStatusCode.OK, "ok")), health.Logs);
    }

    [Test]
    [Order(1)]
    public async Task The_razor_class_librarys_css_is_served()
    {
        var answer = await GetAsync(Css);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Logs);
        Assert.That(answer.Body, Is.EqualTo(File.ReadAllText(App.PathOf("src/Storefront.Components/wwwroot/storefront.css"))));
    }

    [Test]
    [Order(1)]
    public void The_report_says_which_way_the_image_was_made()
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(App.RenderedDirectory, "report.json")));

        Assert.That(report.RootElement.GetProperty("buildFrom").GetString(), Is.EqualTo(buildFrom));
    }

    [Test]
    [Order(1)]
    public async Task The_image_holds_the_app_and_its_packages_but_no_sdk_and_nothing_of_the_tests()
    {
        var files = await ImageFiles.ReadAsync(App.Reference);

        Assert.That(files.Under("usr/share/dotnet/sdk"), Is.Empty);
        Assert.That(files.Where(f => f.Name == "Storefront.Tests.dll" || f.Name.StartsWith("nunit", StringComparison.OrdinalIgnoreCase)), Is.Empty);
        foreach (var dll in new[] { "Storefront.Web.dll", "Storefront.Catalog.dll", "Storefront.Data.dll", "Storefront.Pricing.dll", "Storefront.Components.dll", "Storefront.Vendor.Tax.dll", "Microsoft.Data.Sqlite.dll" })
        {
            Assert.That(files.Contains($"app/{dll}"), $"no /app/{dll} in the image");
        }
    }

    [Test]
    [Order(1)]
    public Task The_app_does_not_run_as_root() => AssertRunsAsAsync("1654");

    [Test]
    [Order(2)] // last: it changes the image the other tests check
    public async Task Editing_the_web_projects_program_changes_only_the_apps_layer()
    {
        Assume.That(buildFrom, Is.EqualTo("publish"), "the two COPY layers of the publish output");
        // A name of this run only: the engine keeps the layers of earlier runs, and the same edit would find its layer in that cache.
        var store = $"storefront-{Path.GetFileName(IntegrationRun.Directory)}";
        App.Edit("src/Storefront.Web/Program.cs", s => s.Replace("new StorePage(\"storefront\",", $"new StorePage(\"{store}\",", StringComparison.Ordinal));
        var second = App.Publish([$"-p:MultiStageBuildFrom={buildFrom}"]);

        Assert.That(second.Succeeded, second.ToString());
        Assert.That(second.StepCached("COPY dependencies/ ."), Is.True, "the dependencies layer was rebuilt after a change of the app's code only");
        Assert.That(second.StepCached("COPY app/ ."), Is.False, "the app's layer must be new for the new source");
        // The last layer holds the app's own files; the one before it, what came from NuGet packages.
        var before = await Engine.LayersAsync(Published.ImageId);
        var after = await Engine.LayersAsync(second.ImageId);
        Assert.That(after, Has.Count.EqualTo(before.Count));
        Assert.That(after[^2], Is.EqualTo(before[^2]), "the dependencies layer's digest changed");
        Assert.That(after[^1], Is.Not.EqualTo(before[^1]), "the app's layer kept its digest");

        var answer = await GetAsync("/");
        Assert.That((answer.Status, answer.Body), Is.EqualTo((HttpStatusCode.OK, $$"""{"store":"{{store}}","products":{{Products}}}""")), answer.Logs);
    }

    private Task<HttpAnswer> GetAsync(string path) => HttpProbe.GetAsync(App.Reference, port => [$"ASPNETCORE_HTTP_PORTS={port}"], path);
}
