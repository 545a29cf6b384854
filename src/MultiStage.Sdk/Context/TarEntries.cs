using System.Formats.Tar;
using System.Globalization;

namespace MultiStage.Sdk.Context;

/// <summary>PAX entries whose every header field comes from the file: the same tree gives the same bytes.</summary>
internal static class TarEntries
{
    /// <summary>
    /// A PAX entry with its access and change times set to its modification time: left out, the runtime
    /// stamps both with the current time, and two archives of an unchanged tree would differ.
    /// </summary>
    public static PaxTarEntry Create(TarEntryType type, string name, DateTimeOffset modified, IEnumerable<KeyValuePair<string, string>>? attributes = null)
    {
        var seconds = modified.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var all = new Dictionary<string, string>(attributes ?? [], StringComparer.Ordinal) { ["atime"] = seconds, ["ctime"] = seconds };
        return new PaxTarEntry(type, name, all) { ModificationTime = modified };
    }
}
