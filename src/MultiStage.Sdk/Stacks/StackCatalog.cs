using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>The stacks this package knows, and the choice among them (MultiStageStack or detection).</summary>
public static class StackCatalog
{
    /// <summary>Gets every stack, in detection order.</summary>
    public static IReadOnlyList<IStack> All { get; } = [new DotNetStack(), new NodeStack(), new GoStack(), new PhpStack()];

    /// <summary>Returns the stack named by <paramref name="requested"/>, or the detected one when it is empty or <c>auto</c> (see <see cref="Detect"/>).</summary>
    public static IStack Resolve(string? requested, ProjectFacts facts)
    {
        if (string.IsNullOrWhiteSpace(requested) || requested.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return Detect(facts);
        }

        return All.FirstOrDefault(s => s.Name.Equals(requested.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new MultiStageException(Diagnostics.UnknownStack(requested, All.Select(s => s.Name)));
    }

    /// <summary>
    /// A .NET project file is .NET whatever its folder holds. Otherwise the one manifest present decides,
    /// and with several: a PHP framework app (Laravel, Symfony) that also has package.json is PHP, since its
    /// package.json only builds the front-end assets; any other mix is MSTAGE1038.
    /// </summary>
    private static IStack Detect(ProjectFacts facts)
    {
        var detected = All.Where(s => s.Detect(facts)).ToList();
        return detected switch
        {
            [] => throw new MultiStageException(Diagnostics.NoStackDetected(facts.ProjectDirectory)),
            [DotNetStack dotnet, ..] => dotnet,
            [var only] => only,
            [NodeStack, PhpStack php] when PhpStack.IsFrameworkApp(facts.ProjectDirectory) => php,
            _ => throw new MultiStageException(Diagnostics.StackAmbiguous(facts.ProjectDirectory, detected.Select(s => s.Manifest))),
        };
    }
}
