using NUnit.Framework;

namespace Shop.Web.Tests;

public class CatalogTests
{
    [Test]
    public void The_catalog_lists_its_items() => Assert.That(Shop.Catalog.Catalog.Describe(), Does.Contain("coffee"));
}
