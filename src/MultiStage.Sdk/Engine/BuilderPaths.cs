using System.Text.RegularExpressions;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// Maps what the builder stage prints back to this machine: the builder copies the context to
/// <paramref name="sourceRoot"/>, so <c>/src/Lib/Foo.cs(12,5): error CS1002: …</c> is the context's
/// <c>Lib/Foo.cs</c>, and becomes an MSBuild error at that file.
/// </summary>
/// <param name="sourceRoot">The builder's folder holding the context, for example <c>/src</c>.</param>
/// <param name="contextDirectory">The context's folder on this machine.</param>
internal sealed partial class BuilderPaths(string sourceRoot, string contextDirectory)
{
    private readonly string _prefix = sourceRoot.TrimEnd('/') + "/";

    /// <summary>Returns the compiler error on <paramref name="line"/> at the host's file, or null when the line is not one under the source root.</summary>
    public Diagnostic? CompilerError(string line)
    {
        var match = CanonicalError().Match(line);
        if (!match.Success || !match.Groups["file"].Value.StartsWith(_prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var relative = match.Groups["file"].Value[_prefix.Length..];
        return new Diagnostic(
            match.Groups["code"].Value,
            match.Groups["message"].Value.Trim(),
            Path.GetFullPath(Path.Combine(contextDirectory, relative)),
            int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    // MSBuild's canonical error format, as dotnet publish prints it, with the project in brackets at the end.
    [GeneratedRegex(@"^\s*(?<file>/[^(]+)\((?<line>\d+),(?<column>\d+)\): error (?<code>[A-Za-z]+\d+): (?<message>.*?)(?: \[[^\]]*\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex CanonicalError();
}
