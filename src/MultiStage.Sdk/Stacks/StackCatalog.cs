using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>The stacks this package knows, and the choice among them (MultiStageStack or detection).</summary>
public static class StackCatalog
{
    /// <summary>Gets every stack, in detection order.</summary>
    public static IReadOnlyList<IStack> All { get; } = [new DotNetStack(), new NodeStack(), new GoStack(), new PhpStack()];

    /// <summary>Returns the stack named by <paramref name="requested"/>, or the first that detects itself when it is empty or <c>auto</c>.</summary>
    public static IStack Resolve(string? requested, ProjectFacts facts)
    {
        if (string.IsNullOrWhiteSpace(requested) || requested.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return All.FirstOrDefault(s => s.Detect(facts))
                ?? throw new MultiStageException(Diagnostics.NoStackDetected(facts.ProjectDirectory));
        }

        return All.FirstOrDefault(s => s.Name.Equals(requested.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new MultiStageException(Diagnostics.UnknownStack(requested, All.Select(s => s.Name)));
    }
}
