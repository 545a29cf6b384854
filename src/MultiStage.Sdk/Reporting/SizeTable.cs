using System.Text.RegularExpressions;

namespace MultiStage.Sdk.Reporting;

/// <summary>
/// Lays out a <see cref="SizeReport"/> for the build log: a heading with the totals, then one row per
/// layer in the order it was built, the base image first, each with its size (as <c>docker images</c>
/// prints sizes, right-aligned) and a bar scaled to the largest row.
/// </summary>
public static partial class SizeTable
{
    /// <summary>The width of a full bar, in characters.</summary>
    internal const int BarWidth = 20;

    /// <summary>Where a long instruction is cut, so that a row fits a terminal.</summary>
    internal const int InstructionWidth = 72;

    // Eighths of a cell, so that a layer a fraction of the largest still shows.
    private static readonly char[] Eighths = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

    /// <summary>Returns the table's lines.</summary>
    public static IReadOnlyList<string> Format(SizeReport report)
    {
        var rows = Rows(report);
        var largest = rows.Select(r => r.Size ?? 0).DefaultIfEmpty().Max();
        var sizes = rows.Select(r => r.Size is { } s ? ByteSize.Format(s) : "?").ToList();
        var sizeWidth = sizes.Append("SIZE").Max(s => s.Length);

        List<string> lines = [Heading(report), $"  {"SIZE".PadLeft(sizeWidth)}  {"".PadRight(BarWidth)}  LAYER"];
        lines.AddRange(rows.Select((row, i) => $"  {sizes[i].PadLeft(sizeWidth)}  {Bar(row.Size ?? 0, largest)}  {row.Text}".TrimEnd()));
        return lines;
    }

    /// <summary>A bar of <paramref name="size"/> against <paramref name="largest"/>: any non-empty layer gets at least a sliver.</summary>
    internal static string Bar(long size, long largest)
    {
        if (size <= 0 || largest <= 0)
        {
            return new string(' ', BarWidth);
        }

        var eighths = Math.Max(1, (int)Math.Round((double)size / largest * BarWidth * 8));
        var bar = new string(Eighths[8], eighths / 8) + (eighths % 8 > 0 ? Eighths[eighths % 8].ToString() : "");
        return bar.PadRight(BarWidth);
    }

    /// <summary>An instruction on one line of at most <see cref="InstructionWidth"/> characters, with the content hashes of COPY sources cut short.</summary>
    internal static string Shorten(string instruction)
    {
        var text = Hash().Replace(Whitespace().Replace(instruction, " ").Trim(), m => $"{m.Groups["kind"].Value}:{m.Groups["hash"].Value[..12]}…");
        return text.Length <= InstructionWidth ? text : $"{text[..(InstructionWidth - 1)]}…";
    }

    private static string Heading(SizeReport report)
    {
        var layers = report.Layers.Count == 1 ? "1 layer" : $"{report.Layers.Count} layers";
        return report.BaseSize is { } baseSize
            ? $"{report.Image} is {ByteSize.Format(report.Size)}: {ByteSize.Format(baseSize)} from its base image, {ByteSize.Format(report.AddedSize)} added by this build in {layers}"
            : $"{report.Image} is {ByteSize.Format(report.Size)} in {layers}";
    }

    /// <summary>
    /// The base image as one row, then the added layers. Zero-byte layers (ENV, WORKDIR, USER, ENTRYPOINT: metadata,
    /// no files) are folded: each run of them becomes one row that lists their instructions, so the rows that
    /// weigh something stand out and the build's order is kept.
    /// </summary>
    private static List<(long? Size, string Text)> Rows(SizeReport report)
    {
        List<(long? Size, string Text)> rows = [];
        if (report.BaseImage is { } baseImage)
        {
            rows.Add((report.BaseSize, $"FROM {baseImage} (base image)"));
        }

        for (var i = 0; i < report.Layers.Count;)
        {
            var run = report.Layers.Skip(i).TakeWhile(l => l.Size == 0).ToList();
            if (run.Count > 1)
            {
                rows.Add((0, Shorten($"{run.Count} metadata layers: {string.Join("; ", run.Select(l => l.Instruction))}")));
                i += run.Count;
            }
            else
            {
                rows.Add((report.Layers[i].Size, Shorten(report.Layers[i].Instruction)));
                i++;
            }
        }

        return rows;
    }

    [GeneratedRegex(@"(?<kind>file|dir|multi):(?<hash>[0-9a-f]{64})", RegexOptions.CultureInvariant)]
    private static partial Regex Hash();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
