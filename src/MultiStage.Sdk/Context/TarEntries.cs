using System.Formats.Tar;
using System.Globalization;

namespace MultiStage.Sdk.Context;

/// <summary>The context's tar entries: plain USTAR where it can hold the entry, as the docker CLI sends them, else PAX.</summary>
internal static class TarEntries
{
    private const int UstarNameLength = 100;
    private const long UstarMaxSize = (1L << 33) - 1; // eleven octal digits

    /// <summary>
    /// An entry whose every header field comes from the file, so the same tree gives the same bytes. A short
    /// ASCII name (and link) of a file under 8 GiB is a 512-byte USTAR header with the time in whole seconds,
    /// as the docker CLI writes it; anything else needs PAX, whose access and change times are set to the
    /// modification time (left out, the runtime stamps them with the current time).
    /// </summary>
    public static TarEntry Create(TarEntryType type, string name, DateTimeOffset modified, string? linkName = null, long size = 0)
    {
        if (FitsUstar(name) && (linkName is null || FitsUstar(linkName)) && size <= UstarMaxSize)
        {
            var ustar = new UstarTarEntry(type, name) { ModificationTime = DateTimeOffset.FromUnixTimeSeconds(modified.ToUnixTimeSeconds()) };
            return WithLink(ustar, linkName);
        }

        return WithLink(Pax(type, name, modified, []), linkName);
    }

    /// <summary>A PAX entry with fixed access and change times and the given extended attributes (a listing's file length).</summary>
    public static PaxTarEntry Pax(TarEntryType type, string name, DateTimeOffset modified, IEnumerable<KeyValuePair<string, string>> attributes)
    {
        var seconds = modified.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var all = new Dictionary<string, string>(attributes, StringComparer.Ordinal) { ["atime"] = seconds, ["ctime"] = seconds };
        return new PaxTarEntry(type, name, all) { ModificationTime = modified };
    }

    /// <summary>Sets a link's target; other entries cannot have one.</summary>
    public static TarEntry WithLink(TarEntry entry, string? linkName)
    {
        if (linkName is not null)
        {
            entry.LinkName = linkName;
        }

        return entry;
    }

    private static bool FitsUstar(string text) => text.Length <= UstarNameLength && text.All(c => c is > '\0' and < (char)128);
}
