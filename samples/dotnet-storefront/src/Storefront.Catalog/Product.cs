namespace Storefront.Catalog;

/// <summary>A product as the shop lists it: its name and its price before tax.</summary>
public sealed record Product(string Name, decimal Price);
