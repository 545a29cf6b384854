using System.Globalization;
using System.Text.RegularExpressions;

namespace MultiStage.Sdk.Reporting;

/// <summary>Sizes as the docker CLI prints them: decimal units, three significant digits (85.3 MB, 851 MB).</summary>
public static partial class ByteSize
{
    private static readonly string[] Units = ["B", "kB", "MB", "GB", "TB"];

    // Decimal units as `docker images` prints them, binary ones as people also write them; no bare k/m/g,
    // which docker's own flags read as binary (--memory 150m) and people read as decimal.
    private static readonly Dictionary<string, long> Multipliers = new(StringComparer.OrdinalIgnoreCase)
    {
        [""] = 1,
        ["B"] = 1,
        ["kB"] = 1_000,
        ["MB"] = 1_000_000,
        ["GB"] = 1_000_000_000,
        ["TB"] = 1_000_000_000_000,
        ["KiB"] = 1L << 10,
        ["MiB"] = 1L << 20,
        ["GiB"] = 1L << 30,
        ["TiB"] = 1L << 40,
    };

    /// <summary>Formats a byte count.</summary>
    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 999.5 && unit < Units.Length - 1)
        {
            value /= 1000;
            unit++;
        }

        var format = unit == 0 || value >= 99.95 ? "0" : value >= 9.995 ? "0.0" : "0.00";
        return $"{value.ToString(format, CultureInfo.InvariantCulture)} {Units[unit]}";
    }

    /// <summary>
    /// Reads a positive size such as <c>150000000</c>, <c>150MB</c>, <c>1.2 GB</c> or <c>512MiB</c> (any case):
    /// kB, MB, GB, TB are 1000-based as docker prints sizes; KiB, MiB, GiB, TiB are 1024-based. Returns false
    /// for anything else, a fraction of a byte, a size of zero, or more bytes than a long holds.
    /// </summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (text is null || SizePattern().Match(text) is not { Success: true } match
            || !Multipliers.TryGetValue(match.Groups["unit"].Value, out var multiplier)
            || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || (multiplier == 1 && number != decimal.Truncate(number)))
        {
            return false;
        }

        try
        {
            var exact = number * multiplier;
            bytes = (long)Math.Round(exact, MidpointRounding.AwayFromZero);
        }
        catch (OverflowException)
        {
            return false;
        }

        return bytes > 0;
    }

    [GeneratedRegex(@"^\s*(?<number>\d+(\.\d+)?)\s*(?<unit>[A-Za-z]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();
}
