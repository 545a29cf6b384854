using System.Text.RegularExpressions;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// Image names as the engine accepts them (the distribution reference grammar): checked before
/// anything reaches the engine, so a typo is a coded error rather than an engine message.
/// </summary>
public static partial class ImageReference
{
    /// <summary>Returns whether <paramref name="repository"/> is a valid repository, with an optional registry host.</summary>
    public static bool IsValidRepository(string repository) => RepositoryPattern().IsMatch(repository);

    /// <summary>Returns whether <paramref name="tag"/> is a valid tag.</summary>
    public static bool IsValidTag(string tag) => TagPattern().IsMatch(tag);

    /// <summary>Returns whether <paramref name="reference"/> is a valid <c>[registry/]repository[:tag][@digest]</c>.</summary>
    public static bool IsValid(string reference) => ReferencePattern().IsMatch(reference);

    /// <summary>
    /// Returns whether <paramref name="registry"/> is a registry host[:port] that an image name would read as
    /// one: with a '.' or a ':', or <c>localhost</c> (any other first part is a path in the default registry).
    /// </summary>
    public static bool IsValidRegistry(string registry) =>
        RegistryPattern().IsMatch(registry) && (registry.Contains('.', StringComparison.Ordinal) || registry.Contains(':', StringComparison.Ordinal) || registry == "localhost");

    /// <summary>Returns <paramref name="value"/> when set and valid, <paramref name="fallback"/> when empty; throws MSTAGE1007 otherwise.</summary>
    public static string ValidateOrDefault(string property, string? value, string fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        var trimmed = value.Trim();
        return IsValid(trimmed) ? trimmed : throw new MultiStageException(Diagnostics.InvalidImageReference(property, trimmed));
    }

    private const string Component = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private const string Domain = @"(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?";
    private const string Repository = $"(?:{Domain}/)?{Component}(?:/{Component})*";
    private const string Tag = @"[\w][\w.-]{0,127}";
    private const string Digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

    [GeneratedRegex($"^{Repository}$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex($"^{Domain}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegistryPattern();

    [GeneratedRegex($"^{Tag}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex($"^{Repository}(?::{Tag})?(?:@{Digest})?$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
