using NUnit.Framework;
using Storefront.Catalog;
using Storefront.Data;

namespace Storefront.Tests;

/// <summary>The catalogue over the seeded in-memory database the app starts with.</summary>
public class CatalogTests
{
    [Test]
    public void The_catalog_lists_the_products_on_sale_in_shelf_order()
    {
        using var database = new CatalogDatabase();

        Assert.That(new ProductCatalog(database).OnSale(), Is.EqualTo(new[]
        {
            new Product("tea", 4.00m), new Product("coffee", 3.50m), new Product("cake", 2.75m),
        }));
    }

    [Test]
    public void Prices_keep_their_cents() =>
        Assert.That(new ProductCatalog(new CatalogDatabase()).OnSale()[0].Price.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo("4.00"));
}
