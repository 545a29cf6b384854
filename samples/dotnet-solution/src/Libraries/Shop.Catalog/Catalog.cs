using Shop.Formatting;

namespace Shop.Catalog;

public static class Catalog
{
    public static string Describe() => Json.Format(new { shop = "multi-stage", items = new[] { "tea", "coffee" } });
}
