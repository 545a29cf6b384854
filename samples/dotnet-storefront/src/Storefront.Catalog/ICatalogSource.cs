namespace Storefront.Catalog;

/// <summary>Where the catalogue's rows are kept (Storefront.Data reads them from a database).</summary>
public interface ICatalogSource
{
    /// <summary>Every product row, in shelf order, on sale or not.</summary>
    IEnumerable<CatalogEntry> ReadAll();
}

/// <summary>A row of the catalogue.</summary>
public sealed record CatalogEntry(string Name, decimal Price, bool OnSale);
