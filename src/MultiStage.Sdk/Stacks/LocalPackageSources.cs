using System.Xml;
using System.Xml.Linq;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// The folder feeds a nuget.config adds. One that lies outside the build context cannot be read by the
/// restore inside the builder, which would fail there with NU1301 after the context was sent; it is
/// reported here instead, at its line, before anything is built.
/// </summary>
public static class LocalPackageSources
{
    /// <summary>Throws MSTAGE1020 for the first folder feed of <paramref name="configs"/> outside <paramref name="contextRoot"/>.</summary>
    public static void RequireInside(IEnumerable<string> configs, string contextRoot)
    {
        var root = Path.TrimEndingDirectorySeparator(contextRoot);
        foreach (var config in configs.Where(c => Path.GetFileName(c).Equals("nuget.config", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var (value, line) in FolderSources(config))
            {
                var path = Environment.ExpandEnvironmentVariables(value);
                path = Uri.TryCreate(path, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : path.Replace('\\', Path.DirectorySeparatorChar);
                var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, Path.GetDirectoryName(config)!));
                if (folder != root && !folder.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new MultiStageException(Diagnostics.PackageSourceOutsideContext(config, line, value, contextRoot));
                }
            }
        }
    }

    private static IEnumerable<(string Value, int Line)> FolderSources(string config)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(config, LoadOptions.SetLineInfo);
        }
        catch (XmlException)
        {
            return []; // The restore reports a broken nuget.config far more clearly than this could.
        }

        return document.Descendants()
            .Where(e => e.Name.LocalName == "add" && e.Parent?.Name.LocalName == "packageSources")
            .Select(e => (Value: e.Attribute("value")?.Value ?? "", Line: ((IXmlLineInfo)e).LineNumber))
            .Where(s => s.Value.Length > 0 && !IsRemote(s.Value))
            .ToList();
    }

    private static bool IsRemote(string value) =>
        value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
