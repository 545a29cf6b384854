namespace MultiStage.Sdk.Pipeline;

/// <summary>The ContainerBuildArg values a build passes to the engine, decided as <c>docker build --build-arg</c> decides them.</summary>
public static class BuildArguments
{
    /// <summary>
    /// Returns each argument's value: the last one given (an argument given twice takes its last value); one
    /// given without a value takes the environment variable of its name and is left out when that is unset, as
    /// <c>--build-arg NAME</c> does, so a token passed that way is never an MSBuild property.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Resolve(IEnumerable<(string Name, string? Value)> arguments, Func<string, string?> environment) =>
        arguments.GroupBy(a => a.Name.Trim(), StringComparer.Ordinal)
            .Select(g => (g.Key, Value: g.Last().Value is { Length: > 0 } value ? value : environment(g.Key)))
            .Where(a => a.Value is not null)
            .ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal);
}
