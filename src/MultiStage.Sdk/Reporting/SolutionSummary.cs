using System.Globalization;

namespace MultiStage.Sdk.Reporting;

/// <summary>One image of a solution's publish: the project, the reference, its size and, once pushed, its digest.</summary>
public sealed record SolutionRow(string Project, string Image, long Size, string? Digest);

/// <summary>The table a whole solution's publish ends with: one aligned line per image, the projects in name order.</summary>
public static class SolutionSummary
{
    /// <summary>Returns the lines of the table, a heading first; none when nothing was containerized.</summary>
    public static IReadOnlyList<string> Format(string solution, IEnumerable<SolutionRow> rows)
    {
        var sorted = rows.OrderBy(r => r.Project, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Image, StringComparer.Ordinal).ToList();
        if (sorted.Count == 0)
        {
            return [];
        }

        string[] header = ["PROJECT", "IMAGE", "SIZE", "DIGEST"];
        var cells = sorted.Select(r => new[] { r.Project, r.Image, ByteSize.Format(r.Size), string.IsNullOrEmpty(r.Digest) ? "-" : r.Digest }).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => cells.Select(c => c[i].Length).Append(header[i].Length).Max()).ToArray();
        string Line(string[] c) => string.Join("  ", c.Select((text, i) => i == 2 ? text.PadLeft(widths[i]) : text.PadRight(widths[i]))).TrimEnd();

        var projects = sorted.Select(r => r.Project).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"{solution}: {projects} {(projects == 1 ? "project" : "projects")} containerized, {sorted.Count} {(sorted.Count == 1 ? "image" : "images")}"),
            Line(header),
            .. cells.Select(Line),
        ];
    }
}
