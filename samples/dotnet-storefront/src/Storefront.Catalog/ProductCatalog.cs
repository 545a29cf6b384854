namespace Storefront.Catalog;

/// <summary>What the shop offers: the products on sale, in shelf order.</summary>
public sealed class ProductCatalog(ICatalogSource source)
{
    public IReadOnlyList<Product> OnSale() =>
        [.. source.ReadAll().Where(e => e.OnSale).Select(e => new Product(e.Name, e.Price))];
}
