namespace MultiStage.Sdk.Stacks;

/// <summary>The image's labels: the OCI labels the targets generate, and the user's ContainerLabel items.</summary>
public static class ImageLabels
{
    /// <summary>
    /// Returns the generated labels that have a value and that no user label replaces, then the user's
    /// labels as given: a ContainerLabel item with a generated label's key wins over it.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Merge(IEnumerable<KeyValuePair<string, string>> generated, IReadOnlyList<KeyValuePair<string, string>> user)
    {
        var userKeys = user.Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        return [.. generated.Where(l => !string.IsNullOrWhiteSpace(l.Value) && !userKeys.Contains(l.Key)), .. user];
    }
}
