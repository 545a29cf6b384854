using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Pipeline;

/// <summary>What a publish asks of the engine beyond the plan: the names, the stage, the arguments and where the results go.</summary>
public sealed record ImageBuildSettings
{
    /// <summary>Gets the <c>plan.json</c> the render wrote.</summary>
    public required string PlanPath { get; init; }

    /// <summary>Gets the references to tag the image with; the first is the one reported.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Gets the project's name, for the summary line.</summary>
    public required string ProjectName { get; init; }

    /// <summary>Gets the stage to build up to (MultiStageTarget), or null for the whole Dockerfile.</summary>
    public string? Target { get; init; }

    /// <summary>Gets the build arguments (ContainerBuildArg).</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets where report.json is written, or null for no report (and no incremental skip).</summary>
    public string? ReportPath { get; init; }

    /// <summary>Gets where the last build's fingerprint is kept, or null: every publish builds.</summary>
    public string? StatePath { get; init; }

    /// <summary>Gets ContainerImageSizeLimit as written, or null for no budget.</summary>
    public string? SizeLimit { get; init; }

    /// <summary>Gets MultiStageBuildNetwork: the network of the build's RUN steps, or null for the engine's default.</summary>
    public string? BuildNetwork { get; init; }

    /// <summary>Gets MultiStageDockerHost, or null to find the engine as the docker CLI does.</summary>
    public string? DockerHost { get; init; }

    /// <summary>Gets how long a built image must stay up (MultiStageSmokeTest, MultiStageSmokeTestSeconds), or null for no smoke check.</summary>
    public int? SmokeTestSeconds { get; init; }

    /// <summary>Gets the smoke check container's network (MultiStageSmokeTestNetwork): <c>none</c> (loopback only) or <c>host</c>.</summary>
    public string SmokeTestNetwork { get; init; } = "none";
}

/// <summary>
/// The one path from a rendered plan to an image: connect, build or reuse the last build's image, measure it, write
/// <c>report.json</c>, check the size budget; and, for a push, tag and push it and add that to the report. The build
/// and push tasks are each one call into it, and it is the only writer of the report.
/// </summary>
public static class ImagePipeline
{
    /// <summary>Builds (or finds up to date) the plan's image, logs its size table and summary, and returns its report.</summary>
    /// <exception cref="MultiStageException">Any coded failure, including an image over its budget (which stays tagged).</exception>
    public static async Task<SizeReport> BuildAsync(ImageBuildSettings settings, IBuildLog log, CancellationToken cancellationToken)
    {
        var plan = BuildPlan.Read(settings.PlanPath);
        var limit = SizeBudget.Parse(settings.SizeLimit);
        RequireStage(plan, settings.Target);
        using var engine = await DockerEngine.ConnectAsync(settings.DockerHost, cancellationToken, log).ConfigureAwait(false);
        log.Summary($"Building {settings.Tags[0]} on {engine.Endpoint} (from {engine.Resolved.Origin}; {engine.Description}, {plan.Builder} builder)");
        RequirePlatform(plan, engine);

        var request = new BuildRequest
        {
            DockerfilePath = plan.Dockerfile,
            DockerIgnorePath = plan.DockerIgnore,
            DockerfileInContext = plan.DockerfileInContext,
            ContextDirectory = plan.ContextDirectory,
            ContextFiles = plan.PlanFiles,
            HostFiles = plan.HostFiles,
            BuilderSourceRoot = plan.BuilderSourceRoot,
            Tags = settings.Tags,
            Target = settings.Target,
            BuildArgs = settings.BuildArgs,
            Network = settings.BuildNetwork,
            Builder = plan.Builder,
        };

        var fingerprint = settings.StatePath is null || settings.ReportPath is null ? null : await BuildState.FingerprintAsync(request, cancellationToken).ConfigureAwait(false);
        var (existing, whyNot) = fingerprint is null ? (null, null)
            : await BuildState.FindUpToDateAsync(settings.StatePath!, settings.ReportPath, fingerprint, engine, settings.Tags, cancellationToken).ConfigureAwait(false);
        if (whyNot is not null)
        {
            log.Progress($"Building the image: {whyNot}.");
        }

        SizeReport report;
        if (existing is not null)
        {
            log.Summary($"{settings.Tags[0]} is up to date ({ByteSize.Format(existing.Size)}): the Dockerfile, the context and the build settings are unchanged since it was built, so the image build was skipped.");
            // The last publish's push is history: this publish's push, if any, adds its own.
            report = existing with { Pushed = null };
        }
        else
        {
            var result = await ImageBuild.RunAsync(engine, request, log, cancellationToken).ConfigureAwait(false);
            report = await ImageSizes.MeasureAsync(engine, settings.ProjectName, settings.Tags, result, cancellationToken).ConfigureAwait(false);
            // Before the build state is kept: an image that failed its check is checked again by the next publish.
            // An up-to-date image passed its check when it was built; a MultiStageTarget stage is not the app.
            if (settings.SmokeTestSeconds is { } seconds && settings.Target is null)
            {
                await SmokeCheck.RunAsync(engine, report.ImageId, settings.Tags[0], seconds, settings.SmokeTestNetwork, log, cancellationToken).ConfigureAwait(false);
            }
        }

        report = report with { BuildFrom = plan.BuildFrom, Builder = plan.Builder, RuntimeIdentifier = plan.RuntimeIdentifier };
        WriteReport(settings.ReportPath, report);
        if (existing is null && fingerprint is not null)
        {
            new BuildState(fingerprint, report.ImageId).Write(settings.StatePath!);
        }

        foreach (var line in SizeTable.Format(report))
        {
            log.Summary(line);
        }

        log.Summary(report.Summary);

        // Over the budget, the image stays tagged (the message says so): a user inspects it to see what to cut.
        return SizeBudget.Check(report, limit) is { } overBudget ? throw new MultiStageException(overBudget) : report;
    }

    /// <summary>Tags the built image for <paramref name="registry"/>, pushes every tag, adds the push to the report and returns it.</summary>
    public static async Task<PushedImage> PushAsync(string registry, string imageId, IReadOnlyList<string> tags, string projectName, string? reportPath, string? dockerHost, IBuildLog log, CancellationToken cancellationToken)
    {
        var host = ImageNames.Registry(registry) ?? throw new MultiStageException(Diagnostics.InvalidRegistry(registry));
        var credentials = await CredentialLookup.FindAsync(host, log, cancellationToken).ConfigureAwait(false);
        using var engine = await DockerEngine.ConnectAsync(dockerHost, cancellationToken, log).ConfigureAwait(false);
        log.Summary($"Pushing {string.Join(", ", tags)} to {host} ({(credentials.IsEmpty ? "no credentials" : $"credentials from {credentials.Source}")})");

        var pushed = await ImagePush.RunAsync(engine, imageId, host, tags, credentials, log, cancellationToken).ConfigureAwait(false);
        if (reportPath is not null && ReportFile.Read(reportPath) is { } report)
        {
            WriteReport(reportPath, report with { Pushed = pushed });
        }

        foreach (var line in pushed.SummaryLines(projectName))
        {
            log.Summary(line);
        }

        return pushed;
    }

    private static void WriteReport(string? path, SizeReport report)
    {
        if (path is not null)
        {
            ReportFile.Write(path, report);
        }
    }

    /// <summary>A target that names no stage fails here, before any engine is called, rather than in the engine's words.</summary>
    private static void RequireStage(BuildPlan plan, string? target)
    {
        if (string.IsNullOrEmpty(target))
        {
            return;
        }

        var stages = DockerfileSteps.StageNames(File.ReadAllText(plan.Dockerfile));
        if (!stages.Contains(target, StringComparer.OrdinalIgnoreCase))
        {
            throw new MultiStageException(Diagnostics.TargetStageMissing(target, plan.Dockerfile, stages));
        }
    }

    /// <summary>Returns the engine's name (Go's GOARCH) for the architecture of a .NET runtime identifier: <c>linux-x64</c> → <c>amd64</c>.</summary>
    internal static string ArchitectureOf(string runtimeIdentifier) => runtimeIdentifier.Split('-')[^1] switch
    {
        "x64" => "amd64",
        "x86" => "386",
        "arm" => "arm",
        var other => other,
    };

    /// <summary>An app published for one architecture cannot run on an engine of another: say so before building an image that would not start.</summary>
    private static void RequirePlatform(BuildPlan plan, DockerEngine engine)
    {
        if (plan.RuntimeIdentifier is not { } rid || engine.Architecture.Length == 0)
        {
            return;
        }

        if (!ArchitectureOf(rid).Equals(engine.Architecture, StringComparison.OrdinalIgnoreCase))
        {
            throw new MultiStageException(Diagnostics.PlatformMismatch(rid, engine.Architecture));
        }
    }
}
