using MultiStage.Sdk.Rendering;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests;

/// <summary>A Node, Go or PHP app in a temp folder with its SDK project file, rendered as a publish would.</summary>
internal sealed class AppProject : IDisposable
{
    private readonly TempProject _folder = new("app.proj");

    public string Directory => _folder.Directory;

    public AppProject With(string relativePath, string content = "")
    {
        _folder.Write(relativePath, content);
        return this;
    }

    public ProjectFacts Facts => new() { ProjectFile = _folder.ProjectFile, ContextDirectory = _folder.Directory };

    public StackPlan Plan(ContainerOptions? options = null, string? stack = null) =>
        StackCatalog.Resolve(stack, Facts).Plan(Facts, options ?? new ContainerOptions());

    public string[] Render(ContainerOptions? options = null, string? stack = null) =>
        File.ReadAllLines(DockerfileOutput.Write(Facts, options ?? new ContainerOptions(), stack, new DockerfileSource(Templates.Directory), Path.Combine(Directory, "obj", "multistage")).DockerfilePath);

    public void Dispose() => _folder.Dispose();
}
