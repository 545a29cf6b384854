namespace MultiStage.Sdk.Stacks;

/// <summary>One kind of app (.NET, Node, Go, PHP): recognises itself and plans its image.</summary>
public interface IStack
{
    /// <summary>Gets the name used by MultiStageStack and as the template folder.</summary>
    string Name { get; }

    /// <summary>Gets the file the stack is recognised by (<c>package.json</c>), as messages name it.</summary>
    string Manifest { get; }

    /// <summary>Returns whether the project is an app of this stack.</summary>
    bool Detect(ProjectFacts facts);

    /// <summary>Builds the template model; throws <see cref="Reporting.MultiStageException"/> on bad input.</summary>
    StackPlan Plan(ProjectFacts facts, ContainerOptions options);
}
