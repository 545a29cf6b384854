using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Reporting;

public class SolutionSummaryTests
{
    [Test]
    public void The_table_is_aligned_sorted_by_project_and_shows_a_dash_for_an_image_not_pushed()
    {
        var lines = SolutionSummary.Format("Shop", [
            new SolutionRow("Shop.Web", "shop.web:latest", 229_143_610, null),
            new SolutionRow("api", "127.0.0.1:5000/api:1.0", 6_020_000, "sha256:abc"),
        ]);

        Assert.That(lines, Is.EqualTo(new[]
        {
            "Shop: 2 projects containerized, 2 images",
            "PROJECT   IMAGE                      SIZE  DIGEST",
            "api       127.0.0.1:5000/api:1.0  6.02 MB  sha256:abc",
            "Shop.Web  shop.web:latest          229 MB  -",
        }));
    }

    [Test]
    public void Nothing_containerized_prints_nothing() => Assert.That(SolutionSummary.Format("Shop", []), Is.Empty);
}
