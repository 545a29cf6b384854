using System.Text.RegularExpressions;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// What every stack's plan gets the same way once the stack has chosen its images: the user's environment
/// and labels after the stack's own, the OS packages
/// (installed with the runtime image's package manager), the build arguments the builder stages
/// declare, the health check, the user's command (ContainerAppCommand, -Args, ContainerDefaultArgs),
/// the credential files and the builder the Dockerfile is for. Everything is checked here, before any engine is called.
/// </summary>
public static partial class PlanAdditions
{
    /// <summary>Returns <paramref name="plan"/> with the user's OS packages, build arguments and health check; throws a coded error for what cannot be built.</summary>
    public static StackPlan Apply(StackPlan plan, ContainerOptions options)
    {
        var packageManager = PackageManager.For(plan.RuntimeImage, options.OsPackageManager);
        if (options.OsPackages.Count > 0 && packageManager is null)
        {
            throw new MultiStageException(Diagnostics.OsPackagesNeedPackageManager(plan.RuntimeImage, options.OsPackages.Select(p => p.Name)));
        }

        // The stack's own variables first (NODE_ENV), the user's after them: a later ENV wins.
        IReadOnlyList<KeyValuePair<string, string>> environment = [.. plan.Environment, .. options.Environment];
        IReadOnlyList<KeyValuePair<string, string>> labels = [.. plan.Labels, .. options.Labels];
        Require(labels, "ContainerLabel", LabelKeyPattern());
        Require(environment, "ContainerEnvironmentVariable", EnvironmentNamePattern());
        return plan with
        {
            Environment = environment,
            Labels = labels,
            OsPackages = [.. options.OsPackages.Select(p => packageManager!.Spec(p)).Distinct(StringComparer.Ordinal)],
            PackageManager = options.OsPackages.Count > 0 ? packageManager!.Name : null,
            BuildArgs = [.. options.BuildArgs.Select(BuildArgName).Distinct(StringComparer.Ordinal)],
            HealthCheck = HealthCheck.From(options.HealthCheck, hasShell: packageManager is not null, plan.RuntimeImage),
            Entrypoint = [.. options.AppCommand ?? plan.Entrypoint, .. options.AppCommandArgs],
            DefaultArgs = options.DefaultArgs,
            SecretFiles = SecretFileNames.For(options.SecretFiles),
            // Resolved by the render task; a plan made without it (auto) keeps the stack plan's builder.
            Builder = Engine.Builders.Parse(options.Builder) ?? plan.Builder,
        };
    }

    private static string BuildArgName(string name) =>
        BuildArgPattern().IsMatch(name.Trim()) ? name.Trim() : throw new MultiStageException(Diagnostics.InvalidBuildArg(name));

    /// <summary>Keys are written bare and values quoted on one line: a key with spaces or '=', or a value with a line break, would change the Dockerfile.</summary>
    private static void Require(IEnumerable<KeyValuePair<string, string>> pairs, string item, Regex key)
    {
        foreach (var (name, value) in pairs)
        {
            if (!key.IsMatch(name) || value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
            {
                throw new MultiStageException(Diagnostics.InvalidImageMetadata(item, name));
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BuildArgPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelKeyPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentNamePattern();
}
