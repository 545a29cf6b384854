using Storefront.Catalog;
using Storefront.Vendor.Tax;

namespace Storefront.Pricing;

/// <summary>A product with the price the customer pays.</summary>
public sealed record PricedProduct(string Name, decimal Price, decimal PriceWithTax);

/// <summary>Prices the catalogue's products with the vendor's tax calculator.</summary>
public sealed class PriceList(TaxCalculator tax)
{
    public PricedProduct Price(Product product) => new(product.Name, product.Price, tax.WithTax(product.Price));

    public IReadOnlyList<PricedProduct> Price(IEnumerable<Product> products) => [.. products.Select(Price)];
}
