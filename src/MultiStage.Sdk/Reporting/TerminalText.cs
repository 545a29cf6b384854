using System.Text.RegularExpressions;

namespace MultiStage.Sdk.Reporting;

/// <summary>
/// What a tool printed for a terminal, made plain for the MSBuild log: colour and cursor escape codes
/// (npm's, composer's, the Go toolchain's) removed, and a line a progress bar redrew with carriage
/// returns reduced to what a terminal would show last.
/// </summary>
public static partial class TerminalText
{
    /// <summary>Returns <paramref name="line"/> without escape sequences or other control characters (tabs are kept).</summary>
    public static string Plain(string line)
    {
        var shown = line.TrimEnd('\r');
        var redrawn = shown.LastIndexOf('\r');
        if (redrawn >= 0)
        {
            shown = shown[(redrawn + 1)..];
        }

        return shown.IndexOf('\x1B', StringComparison.Ordinal) < 0 && !HasControl(shown) ? shown : Control().Replace(Escape().Replace(shown, ""), "");
    }

    private static bool HasControl(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) && c != '\t')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>CSI (<c>ESC [ … final</c>: colours, cursor moves), OSC (<c>ESC ] … BEL</c> or <c>ESC \</c>: titles, links), character set choices (<c>ESC ( B</c>) and two-character escapes.</summary>
    [GeneratedRegex(@"\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)?|[()*+][0-9A-Za-z]|[@-Z\\-_])", RegexOptions.CultureInvariant)]
    private static partial Regex Escape();

    [GeneratedRegex(@"[\x00-\x08\x0B-\x1F\x7F]", RegexOptions.CultureInvariant)]
    private static partial Regex Control();
}
