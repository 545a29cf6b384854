using MultiStage.Sdk.Context;
using MultiStage.Sdk.Reporting;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Rendering;

/// <summary>The files a render wrote, and the plan they came from.</summary>
/// <param name="DockerfilePath">The rendered Dockerfile.</param>
/// <param name="DockerIgnorePath">The rendered .dockerignore.</param>
/// <param name="ContextFiles">The plan's own files for the context, written beside the Dockerfile.</param>
/// <param name="Plan">The plan rendered.</param>
/// <param name="PlanPath">The <c>plan.json</c> written beside the Dockerfile for the build and push.</param>
public sealed record RenderedDockerfile(string DockerfilePath, string DockerIgnorePath, IReadOnlyList<string> ContextFiles, StackPlan Plan, string PlanPath);

/// <summary>Where the Dockerfile comes from: the stack's template (the default), the user's own template, or the user's own Dockerfile built as it is.</summary>
/// <param name="TemplatesDirectory">The package's templates folder (its partials serve a user's template too).</param>
/// <param name="Template">A user's Scriban template (MultiStageTemplate), rendered with the same model.</param>
/// <param name="Dockerfile">A user's Dockerfile (MultiStageDockerfile), built as it is.</param>
public sealed record DockerfileSource(string TemplatesDirectory, string? Template = null, string? Dockerfile = null);

/// <summary>Chooses the stack, plans, renders and writes <c>Dockerfile</c> and <c>.dockerignore</c> to the output folder.</summary>
public static class DockerfileOutput
{
    /// <summary>Renders into <paramref name="outputDirectory"/>; files whose content is unchanged are left untouched.</summary>
    /// <remarks>
    /// With a user's Dockerfile nothing is rendered: the plan still decides the context and its
    /// <c>.multistage/</c> files, and the .dockerignore written is the one that file is built with.
    /// </remarks>
    public static RenderedDockerfile Write(ProjectFacts facts, ContainerOptions options, string? stack, DockerfileSource source, string outputDirectory)
    {
        if (facts.ContextDirectory is { } requested && !Directory.Exists(requested))
        {
            throw new MultiStageException(Diagnostics.ContextDirectoryMissing(requested));
        }

        var userDockerfile = source.Dockerfile is null ? null : Path.GetFullPath(source.Dockerfile);
        if (userDockerfile is not null && !File.Exists(userDockerfile))
        {
            throw new MultiStageException(Diagnostics.DockerfileNotFound(userDockerfile));
        }

        // A user's Dockerfile is built from the sources' context, as docker build would build it.
        facts = userDockerfile is null ? facts : facts with { FromPublish = false };
        var plan = PlanAdditions.Apply(StackCatalog.Resolve(stack, facts).Plan(facts, options), options);
        string? dockerfileInContext = null;
        if (userDockerfile is not null)
        {
            dockerfileInContext = InContext(userDockerfile, plan.ContextDirectory!);
            // The package's .multistage/ files reach the context only when that Dockerfile uses them.
            if (!File.ReadAllText(userDockerfile).Contains(ContextLayout.Directory + "/", StringComparison.Ordinal))
            {
                plan = plan with { ContextFiles = new Dictionary<string, string>(), HostFiles = [] };
            }
        }

        var cache = new RenderCache(Path.Combine(outputDirectory, RenderCache.FileName));
        var renderer = new TemplateRenderer(source.TemplatesDirectory, cache);
        Directory.CreateDirectory(outputDirectory);
        var dockerfilePath = userDockerfile ?? Path.Combine(outputDirectory, "Dockerfile");
        var dockerIgnorePath = Path.Combine(outputDirectory, ".dockerignore");
        if (userDockerfile is null)
        {
            WriteIfChanged(dockerfilePath, renderer.RenderDockerfile(plan, source.Template));
            WriteIfChanged(dockerIgnorePath, plan.ContextDirectory is null
                ? "# The context is the publish output, sent file by file: nothing in it is left out.\n"
                : DockerIgnoreMerge.Merge(renderer.RenderDockerIgnore(plan), plan.ContextDirectory, plan.ContextExclusions));
        }
        else
        {
            WriteIfChanged(dockerIgnorePath, DockerIgnoreMerge.ForUserDockerfile(userDockerfile, plan.ContextDirectory!, dockerfileInContext, plan.Builder == Engine.Builders.BuildKit));
        }

        cache.Save();
        var contextFiles = plan.ContextFiles.Select(f => (Path: Path.Combine(outputDirectory, f.Key), f.Value)).ToList();
        contextFiles.ForEach(f => WriteIfChanged(f.Path, f.Value));
        var planPath = Path.Combine(outputDirectory, Pipeline.BuildPlan.FileName);
        new Pipeline.BuildPlan
        {
            Stack = plan.Stack,
            BuildFrom = plan.BuildFrom,
            Builder = plan.Builder,
            RuntimeIdentifier = plan.RuntimeIdentifier,
            Dockerfile = dockerfilePath,
            DockerfileInContext = dockerfileInContext,
            DockerIgnore = dockerIgnorePath,
            ContextDirectory = plan.ContextDirectory,
            PlanFiles = [.. contextFiles.Select(f => f.Path)],
            HostFiles = plan.HostFiles,
            BuilderSourceRoot = plan.BuilderSourceRoot,
        }.Write(planPath);
        return new RenderedDockerfile(dockerfilePath, dockerIgnorePath, [.. contextFiles.Select(f => f.Path)], plan, planPath);
    }

    /// <summary>The Dockerfile's path in the context ('/'-separated), or null when it is outside the context folder.</summary>
    private static string? InContext(string dockerfile, string contextDirectory)
    {
        var relative = Path.GetRelativePath(contextDirectory, dockerfile).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative) ? null : relative;
    }

    private static void WriteIfChanged(string path, string content)
    {
        if (!File.Exists(path) || File.ReadAllText(path) != content)
        {
            File.WriteAllText(path, content);
        }
    }
}
