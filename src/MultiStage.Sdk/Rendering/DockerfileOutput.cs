using MultiStage.Sdk.Context;
using MultiStage.Sdk.Reporting;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Rendering;

/// <summary>The files a render wrote, and the plan they came from.</summary>
/// <param name="DockerfilePath">The rendered Dockerfile.</param>
/// <param name="DockerIgnorePath">The rendered .dockerignore.</param>
/// <param name="ContextFiles">The plan's own files for the context, written beside the Dockerfile.</param>
/// <param name="Plan">The plan rendered.</param>
public sealed record RenderedDockerfile(string DockerfilePath, string DockerIgnorePath, IReadOnlyList<string> ContextFiles, StackPlan Plan);

/// <summary>Chooses the stack, plans, renders and writes <c>Dockerfile</c> and <c>.dockerignore</c> to the output folder.</summary>
public static class DockerfileOutput
{
    /// <summary>Renders into <paramref name="outputDirectory"/>; files whose content is unchanged are left untouched.</summary>
    public static RenderedDockerfile Write(ProjectFacts facts, ContainerOptions options, string? stack, string templatesDirectory, string outputDirectory)
    {
        if (facts.ContextDirectory is { } requested && !Directory.Exists(requested))
        {
            throw new MultiStageException(Diagnostics.ContextDirectoryMissing(requested));
        }

        var plan = PlanAdditions.Apply(StackCatalog.Resolve(stack, facts).Plan(facts, options), options);
        var renderer = new TemplateRenderer(templatesDirectory);
        var dockerfile = renderer.RenderDockerfile(plan);
        var dockerIgnore = DockerIgnoreMerge.Merge(renderer.RenderDockerIgnore(plan), plan.ContextDirectory, plan.ContextExclusions);

        Directory.CreateDirectory(outputDirectory);
        var dockerfilePath = Path.Combine(outputDirectory, "Dockerfile");
        var dockerIgnorePath = Path.Combine(outputDirectory, ".dockerignore");
        WriteIfChanged(dockerfilePath, dockerfile);
        WriteIfChanged(dockerIgnorePath, dockerIgnore);
        var contextFiles = plan.ContextFiles.Select(f => (Path: Path.Combine(outputDirectory, f.Key), f.Value)).ToList();
        contextFiles.ForEach(f => WriteIfChanged(f.Path, f.Value));
        return new RenderedDockerfile(dockerfilePath, dockerIgnorePath, [.. contextFiles.Select(f => f.Path)], plan);
    }

    private static void WriteIfChanged(string path, string content)
    {
        if (!File.Exists(path) || File.ReadAllText(path) != content)
        {
            File.WriteAllText(path, content);
        }
    }
}
