namespace MultiStage.Sdk.Stacks;

/// <summary>
/// How a .NET app is published and which official images fit it, inferred from the project as SDK
/// containers infer its base image: framework-dependent on <c>aspnet</c>/<c>runtime</c>; self-contained
/// or trimmed on <c>runtime-deps</c> with the app's own host; Native AOT built on the SDK's <c>-aot</c>
/// image (clang, zlib) and run on the matching <c>runtime-deps</c>. ContainerFamily is appended to both
/// tags; a chiseled family without InvariantGlobalization gets its <c>-extra</c> flavour (ICU, tzdata).
/// </summary>
/// <param name="Description">A few words for the Dockerfile header and the log.</param>
/// <param name="RuntimeFlavor">aspnet, runtime or runtime-deps.</param>
/// <param name="BuilderTagSuffix">Appended to the SDK image's tag (for example <c>-noble-aot</c>).</param>
/// <param name="RuntimeTagSuffix">Appended to the runtime image's tag (for example <c>-alpine</c>).</param>
/// <param name="RuntimeIdentifier">The RID restored and published for, or null when framework-dependent.</param>
/// <param name="Aot">Whether the app is compiled ahead of time.</param>
public sealed record DotNetVariant(string Description, string RuntimeFlavor, string BuilderTagSuffix, string RuntimeTagSuffix, string? RuntimeIdentifier, bool Aot)
{
    /// <summary>The distribution of the SDK's -aot images, and so of the runtime-deps image an AOT app runs on.</summary>
    private const string AotDistribution = "noble";

    /// <summary>Gets whether the app carries its own runtime and host.</summary>
    public bool SelfContained => RuntimeIdentifier is not null;

    /// <summary>
    /// Gets the properties the builder's restore and publish must see for the app to come out as planned
    /// (a property given on the host's command line does not reach the builder by itself).
    /// </summary>
    public IReadOnlyList<string> Properties { get; init; } = [];

    /// <summary>Infers the variant of a project.</summary>
    public static DotNetVariant For(ProjectFacts facts, string? family)
    {
        var chosen = string.IsNullOrWhiteSpace(family) ? null : family.Trim().ToLowerInvariant();
        var musl = chosen?.StartsWith("alpine", StringComparison.Ordinal) == true;
        var rid = $"linux{(musl ? "-musl" : "")}-{facts.RuntimeIdentifier?.Split('-')[^1] switch { "arm64" => "arm64", _ => "x64" }}";

        string[] properties = [.. new[] { ("PublishAot", facts.PublishAot), ("PublishTrimmed", facts.PublishTrimmed && !facts.PublishAot), ("InvariantGlobalization", facts.InvariantGlobalization) }
            .Where(p => p.Item2).Select(p => $"{p.Item1}=true")];

        if (facts.PublishAot)
        {
            var distribution = chosen ?? AotDistribution;
            return new("Native AOT", "runtime-deps", $"-{distribution.Split('-')[0]}-aot", Family(distribution, facts), rid, Aot: true) { Properties = properties };
        }

        if (facts.SelfContained || facts.PublishTrimmed)
        {
            return new(facts.PublishTrimmed ? "self-contained, trimmed" : "self-contained", "runtime-deps", Suffix(chosen), Family(chosen, facts), rid, Aot: false) { Properties = properties };
        }

        return new("framework-dependent", facts.IsWebProject ? "aspnet" : "runtime", Suffix(chosen), Family(chosen, facts), null, Aot: false) { Properties = properties };
    }

    private static string Suffix(string? family) => family is null ? "" : $"-{family.Split('-')[0]}";

    private static string Family(string? family, ProjectFacts facts) =>
        family is null ? "" : family.EndsWith("-chiseled", StringComparison.Ordinal) && !facts.InvariantGlobalization ? $"-{family}-extra" : $"-{family}";
}
