using Storefront.Catalog;
using Storefront.Data;
using Storefront.Pricing;
using Storefront.Vendor.Tax;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<ICatalogSource, CatalogDatabase>();
builder.Services.AddSingleton<ProductCatalog>();
builder.Services.AddSingleton(new PriceList(new TaxCalculator(TaxCalculator.StandardRate)));

var app = builder.Build();
// The Razor class library's wwwroot, at /_content/Storefront.Components/.
app.MapStaticAssets();

app.MapGet("/", (ProductCatalog catalog, PriceList prices) => new StorePage("storefront", prices.Price(catalog.OnSale())));
app.MapGet("/healthz", () => "ok");

app.Run();

/// <summary>The shop's front page as JSON.</summary>
internal sealed record StorePage(string Store, IReadOnlyList<PricedProduct> Products);
