using System;

namespace Storefront.Vendor.Tax
{
    /// <summary>Adds a tax rate to net prices, rounded to the cent as a till does.</summary>
    public sealed class TaxCalculator
    {
        /// <summary>The standard rate the storefront charges.</summary>
        public const decimal StandardRate = 0.21m;

        public TaxCalculator(decimal rate)
        {
            if (rate < 0m || rate >= 1m)
            {
                throw new ArgumentOutOfRangeException(nameof(rate), rate, "A tax rate is a fraction from 0 to below 1.");
            }

            Rate = rate;
        }

        public decimal Rate { get; }

        /// <summary>The price with tax, in whole cents; a half cent rounds up.</summary>
        public decimal WithTax(decimal net) => Math.Round(net * (1m + Rate), 2, MidpointRounding.AwayFromZero);
    }
}
