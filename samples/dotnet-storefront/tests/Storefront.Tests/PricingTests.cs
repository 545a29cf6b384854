using NUnit.Framework;
using Storefront.Catalog;
using Storefront.Pricing;
using Storefront.Vendor.Tax;

namespace Storefront.Tests;

public class PricingTests
{
    private readonly PriceList _prices = new(new TaxCalculator(TaxCalculator.StandardRate));

    [Test]
    public void The_price_with_tax_adds_the_standard_rate() =>
        Assert.That(_prices.Price(new Product("tea", 4.00m)), Is.EqualTo(new PricedProduct("tea", 4.00m, 4.84m)));

    [TestCase(2.75, 3.33)] // 3.3275
    [TestCase(0.50, 0.61)] // 0.605: a half cent rounds up
    public void The_price_with_tax_is_rounded_to_the_cent(decimal net, decimal withTax) =>
        Assert.That(_prices.Price(new Product("x", net)).PriceWithTax, Is.EqualTo(withTax));

    [Test]
    public void A_rate_of_one_or_more_is_refused() =>
        Assert.That(() => new TaxCalculator(1m), Throws.TypeOf<ArgumentOutOfRangeException>());
}
