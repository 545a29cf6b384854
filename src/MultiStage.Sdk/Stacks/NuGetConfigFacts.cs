using System.Xml;
using System.Xml.Linq;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// What the builder's nuget.config needs from the user's: each source's key and attributes, which sources
/// have credentials (only that they have them: no credential is ever read), and the package source
/// mapping. The resolved list of sources comes from NuGet itself (<see cref="RestoreGraph"/>); this only
/// names them. Files are taken closest first, as NuGet lists them, and a closer file wins.
/// </summary>
/// <param name="Sources">Source value (a URL, or a folder's full path) → its key and the attributes to keep.</param>
/// <param name="KeysWithCredentials">The keys that have a <c>packageSourceCredentials</c> entry.</param>
/// <param name="Mapping">Source key → its package patterns, or null when no file maps sources.</param>
public sealed record NuGetConfigFacts(
    IReadOnlyDictionary<string, NuGetSourceEntry> Sources, IReadOnlySet<string> KeysWithCredentials, IReadOnlyDictionary<string, IReadOnlyList<string>>? Mapping)
{
    /// <summary>Attributes of an <c>add</c> element that matter to a restore besides key and value.</summary>
    private static readonly string[] KeptAttributes = ["protocolVersion", "allowInsecureConnections"];

    /// <summary>Reads <paramref name="configFiles"/>, closest first; files that are missing or broken are skipped (the host's restore already read them).</summary>
    public static NuGetConfigFacts Read(IEnumerable<string> configFiles)
    {
        var sources = new Dictionary<string, NuGetSourceEntry>(StringComparer.OrdinalIgnoreCase);
        var credentials = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, List<string>>? mapping = null;
        var mappingCleared = false;
        foreach (var file in configFiles)
        {
            if (Load(file) is not { Root: { } configuration })
            {
                continue;
            }

            foreach (var add in Section(configuration, "packageSources").Where(e => e.Name.LocalName == "add"))
            {
                if (add.Attribute("key")?.Value is { Length: > 0 } key && add.Attribute("value")?.Value is { Length: > 0 } value)
                {
                    var attributes = KeptAttributes.Select(a => (a, add.Attribute(a)?.Value)).Where(a => a.Value is not null).ToDictionary(a => a.a, a => a.Value!);
                    sources.TryAdd(Normalize(value, file), new NuGetSourceEntry(key, attributes));
                }
            }

            credentials.UnionWith(Section(configuration, "packageSourceCredentials").Select(e => XmlConvert.DecodeName(e.Name.LocalName)));
            var map = configuration.Elements().FirstOrDefault(e => e.Name.LocalName == "packageSourceMapping");
            if (map is null || mappingCleared)
            {
                continue;
            }

            mapping ??= new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var source in map.Elements().Where(e => e.Name.LocalName == "packageSource" && e.Attribute("key") is not null))
            {
                var patterns = source.Elements().Where(e => e.Name.LocalName == "package").Select(e => e.Attribute("pattern")?.Value).OfType<string>();
                var list = mapping.TryGetValue(source.Attribute("key")!.Value, out var known) ? known : mapping[source.Attribute("key")!.Value] = [];
                list.AddRange(patterns.Where(p => !list.Contains(p, StringComparer.OrdinalIgnoreCase)));
            }

            // A <clear/> in a closer file drops what the files further away map.
            mappingCleared = map.Elements().Any(e => e.Name.LocalName == "clear");
        }

        return new NuGetConfigFacts(sources, credentials, mapping?.ToDictionary(m => m.Key, m => (IReadOnlyList<string>)m.Value, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>A source's value as the dependency-graph spec writes it: a URL as is, a folder as a full path ending in a separator.</summary>
    public static string Normalize(string value, string configFile)
    {
        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        var path = Environment.ExpandEnvironmentVariables(value);
        path = Uri.TryCreate(path, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : path.Replace('\\', Path.DirectorySeparatorChar);
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, Path.GetDirectoryName(Path.GetFullPath(configFile))!)) + Path.DirectorySeparatorChar;
    }

    private static IEnumerable<XElement> Section(XElement configuration, string name) =>
        configuration.Elements().Where(e => e.Name.LocalName == name).SelectMany(e => e.Elements());

    private static XDocument? Load(string file)
    {
        try
        {
            return File.Exists(file) ? XDocument.Load(file) : null;
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>A source as a nuget.config names it.</summary>
/// <param name="Key">Its key.</param>
/// <param name="Attributes">Its other attributes that change how it is read (protocolVersion, allowInsecureConnections).</param>
public sealed record NuGetSourceEntry(string Key, IReadOnlyDictionary<string, string> Attributes);
