using System.Globalization;

namespace MultiStage.Sdk.Reporting;

/// <summary>Sizes as the docker CLI prints them: decimal units, three significant digits (85.3 MB, 851 MB).</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "kB", "MB", "GB", "TB"];

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
}
