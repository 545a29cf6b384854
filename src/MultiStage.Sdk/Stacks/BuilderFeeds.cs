using System.Xml.Linq;
using MultiStage.Sdk.Context;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// How the builder stage's restore gets every package the host's restore used, with no folder of the
/// host and no credential: a package from a source the builder can download anonymously is downloaded
/// there again; every other one (a folder feed inside or outside the context, a fallback folder, a source
/// with credentials in a nuget.config or behind a credential provider) is carried into the context as its
/// <c>.nupkg</c> from the host's packages folder, into a flat folder feed. The builder restores with a
/// nuget.config of its own, never the user's (which may hold credentials, and names host folders).
/// </summary>
/// <param name="NuGetConfig">The builder's nuget.config: the carried packages' folder and the anonymous sources, mapped as the user's were.</param>
/// <param name="Packages">The carried packages, at their context paths.</param>
public sealed record BuilderFeeds(string NuGetConfig, IReadOnlyList<ContextFile> Packages)
{
    /// <summary>The key of the carried packages' feed in the builder's nuget.config.</summary>
    public const string CarriedKey = "multistage-carried";

    /// <summary>Works out the builder's feeds from the host's restore of the project with assets file <paramref name="assetsFile"/>.</summary>
    /// <param name="assetsFile">The project's project.assets.json (ProjectAssetsFile).</param>
    /// <param name="answersAnonymously">Whether a remote source's service index answers a request without credentials.</param>
    public static BuilderFeeds Plan(string assetsFile, Func<string, bool> answersAnonymously)
    {
        var graph = RestoreGraph.Read(assetsFile);
        var config = NuGetConfigFacts.Read(graph.ConfigFiles);
        var downloadable = graph.Sources
            .Where(s => IsRemote(s) && !HasUserInfo(s) && !(config.Sources.TryGetValue(s, out var entry) && config.KeysWithCredentials.Contains(entry.Key)))
            .Where(answersAnonymously)
            .ToList();

        var carried = graph.Packages.Where(p => p.InFallbackFolder || p.Source is null || !downloadable.Contains(p.Source, StringComparer.OrdinalIgnoreCase)).ToList();
        var missing = carried.FirstOrDefault(p => !File.Exists(p.PackageFile));
        if (missing is not null)
        {
            throw new MultiStageException(Diagnostics.PackageNotCarried(missing.Id, missing.Version, Redact(missing.Source), missing.PackageFile));
        }

        var packages = carried.Select(p => new ContextFile($"{ContextLayout.CarriedPackages}/{Path.GetFileName(p.PackageFile)}", p.PackageFile)).ToList();
        return new BuilderFeeds(Render(downloadable, carried, config), packages);
    }

    /// <summary>The builder's nuget.config: only these sources (<c>&lt;clear/&gt;</c>), and the user's mapping kept for them, each carried package mapped to its folder.</summary>
    private static string Render(IReadOnlyList<string> downloadable, IReadOnlyList<RestoredPackage> carried, NuGetConfigFacts config)
    {
        var sources = new XElement("packageSources", new XElement("clear"));
        var keys = new List<string>();
        if (carried.Count > 0)
        {
            sources.Add(new XElement("add", new XAttribute("key", CarriedKey), new XAttribute("value", "packages")));
        }

        foreach (var (source, i) in downloadable.Select((s, i) => (s, i)))
        {
            var entry = config.Sources.TryGetValue(source, out var known) ? known : new NuGetSourceEntry($"source-{i + 1}", new Dictionary<string, string>());
            keys.Add(entry.Key);
            sources.Add(new XElement("add", [new XAttribute("key", entry.Key), new XAttribute("value", source), .. entry.Attributes.Select(a => new XAttribute(a.Key, a.Value))]));
        }

        var configuration = new XElement("configuration", sources);
        if (config.Mapping is { } mapping)
        {
            var map = new XElement("packageSourceMapping", new XElement("clear"));
            if (carried.Count > 0)
            {
                // An exact id is more specific than any pattern of the user's, so each carried package restores from its folder.
                map.Add(new XElement("packageSource", new XAttribute("key", CarriedKey), carried.Select(p => p.Id).Distinct(StringComparer.OrdinalIgnoreCase).Select(id => new XElement("package", new XAttribute("pattern", id)))));
            }

            foreach (var key in keys.Where(mapping.ContainsKey))
            {
                map.Add(new XElement("packageSource", new XAttribute("key", key), mapping[key].Select(p => new XElement("package", new XAttribute("pattern", p)))));
            }

            configuration.Add(map);
        }

        var comment = new XComment(" Written by MultiStage.Sdk for the builder stage's restore: the packages the builder cannot download are in packages/. ");
        return $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{comment}\n{configuration}\n";
    }

    private static bool IsRemote(string source) =>
        source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    private static bool HasUserInfo(string source) => Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0;

    /// <summary>A source as it may be logged: a URL without its user and password.</summary>
    private static string Redact(string? source)
    {
        if (source is null)
        {
            return "a fallback folder";
        }

        return HasUserInfo(source) && Uri.TryCreate(source, UriKind.Absolute, out var uri)
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString()
            : source;
    }
}
