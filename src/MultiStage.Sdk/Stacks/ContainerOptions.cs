namespace MultiStage.Sdk.Stacks;

/// <summary>What the user chose for the image (ContainerX properties and items); empty means "the stack decides".</summary>
public sealed record ContainerOptions
{
    /// <summary>Gets the runtime stage's base image (ContainerBaseImage).</summary>
    public string? BaseImage { get; init; }

    /// <summary>Gets the builder stage's image (ContainerBuilderImage).</summary>
    public string? BuilderImage { get; init; }

    /// <summary>Gets the image family appended to the .NET images' tags (ContainerFamily), for example <c>alpine</c> or <c>noble-chiseled</c>.</summary>
    public string? Family { get; init; }

    /// <summary>Gets the user the app runs as (ContainerUser).</summary>
    public string? User { get; init; }

    /// <summary>Gets the app's folder in the runtime stage (ContainerWorkingDirectory).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Gets the folder of a Go app's main package (MultiStageGoMain), relative to the project.</summary>
    public string? GoMain { get; init; }

    /// <summary>Gets the PHP runtime variant (MultiStagePhpRuntime): fpm, apache or cli.</summary>
    public string? PhpRuntime { get; init; }

    /// <summary>Gets the files and folders a Node app also reads at run time (ContainerAppFile items), relative to the app, not yet validated.</summary>
    public IReadOnlyList<string> AppFiles { get; init; } = [];

    /// <summary>Gets the ports to expose (ContainerPort items).</summary>
    public IReadOnlyList<ContainerPort> Ports { get; init; } = [];

    /// <summary>Gets the environment of the runtime stage (ContainerEnvironmentVariable items).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>Gets the image labels: the generated OCI labels, then the ContainerLabel items, which win (see <see cref="ImageLabels.Merge"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>Gets the OS packages to install in the runtime stage (ContainerOsPackage items), not yet validated.</summary>
    public IReadOnlyList<OsPackage> OsPackages { get; init; } = [];

    /// <summary>Gets the runtime image's package manager (ContainerOsPackageManager: apt or apk); empty chooses by the image's name.</summary>
    public string? OsPackageManager { get; init; }

    /// <summary>Gets the names of the build arguments (ContainerBuildArg items), not yet validated.</summary>
    public IReadOnlyList<string> BuildArgs { get; init; } = [];

    /// <summary>Gets the health check as the ContainerHealthCheck properties give it, not yet validated; null when none is set.</summary>
    public HealthCheckSettings? HealthCheck { get; init; }

    /// <summary>
    /// Gets the app's command (ContainerAppCommand items, one word each, as SDK containers take them), or
    /// null when none is set: a stack then starts the app its own way, and must not fail over its own default.
    /// </summary>
    public IReadOnlyList<string>? AppCommand { get; init; }

    /// <summary>Gets the arguments appended to the app's command, whichever it is (ContainerAppCommandArgs items).</summary>
    public IReadOnlyList<string> AppCommandArgs { get; init; } = [];

    /// <summary>Gets the arguments a <c>docker run</c> without any replaces (ContainerDefaultArgs items): the image's CMD.</summary>
    public IReadOnlyList<string> DefaultArgs { get; init; } = [];

    /// <summary>Gets more credential files that must never reach the final image (ContainerSecretFile items), relative to the context.</summary>
    public IReadOnlyList<string> SecretFiles { get; init; } = [];

    /// <summary>Gets the builder the Dockerfile is for: <c>buildkit</c> or <c>classic</c>; empty is classic.</summary>
    public string? Builder { get; init; }
}

/// <summary>The one place a user's choice meets a stack's default: what is set wins, anything empty is the stack's.</summary>
public static class ContainerOptionsDefaults
{
    /// <summary>Returns ContainerWorkingDirectory, else the stack's folder.</summary>
    public static string WorkingDirectoryOr(this ContainerOptions options, string stackDefault) =>
        string.IsNullOrWhiteSpace(options.WorkingDirectory) ? stackDefault : options.WorkingDirectory;

    /// <summary>Returns ContainerUser, else the stack's non-root user.</summary>
    public static string UserOr(this ContainerOptions options, string stackDefault) =>
        string.IsNullOrWhiteSpace(options.User) ? stackDefault : options.User;

    /// <summary>Returns the ContainerPort items, else the stack's port (none for an app that listens on none).</summary>
    public static IReadOnlyList<ContainerPort> PortsOr(this ContainerOptions options, int? stackDefault) =>
        options.Ports.Count > 0 || stackDefault is null ? options.Ports : [new ContainerPort(stackDefault.Value)];
}

/// <summary>A port the app listens on, as EXPOSE writes it.</summary>
public sealed record ContainerPort(int Number, string Type = "tcp")
{
    /// <summary>Reads a ContainerPort item (<c>Include="8080" Type="udp"</c>); throws MSTAGE1008 when it is not a port.</summary>
    public static ContainerPort Parse(string number, string? type)
    {
        var protocol = string.IsNullOrWhiteSpace(type) ? "tcp" : type.Trim().ToLowerInvariant();
        return int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n is >= 1 and <= 65535 && protocol is "tcp" or "udp"
            ? new ContainerPort(n, protocol)
            : throw new Reporting.MultiStageException(Reporting.Diagnostics.InvalidPort(string.IsNullOrWhiteSpace(type) ? number : $"{number}/{type}"));
    }

    /// <summary>Gets the port as EXPOSE writes it: <c>8080</c>, or <c>53/udp</c>.</summary>
    public string Spec => Type == "tcp" ? Number.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Number}/{Type}";
}
