using System.Text.Json;
using System.Text.RegularExpressions;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>The ContainerHealthCheck properties as the project sets them, checked by <see cref="HealthCheck.From"/>.</summary>
/// <param name="Command">ContainerHealthCheck: a JSON array (exec form), a shell command, or <c>NONE</c>.</param>
/// <param name="Interval">ContainerHealthCheckInterval, a duration such as <c>30s</c> or <c>1m30s</c>.</param>
/// <param name="Timeout">ContainerHealthCheckTimeout, a duration.</param>
/// <param name="StartPeriod">ContainerHealthCheckStartPeriod, a duration.</param>
/// <param name="Retries">ContainerHealthCheckRetries, a whole number.</param>
public sealed record HealthCheckSettings(string? Command, string? Interval = null, string? Timeout = null, string? StartPeriod = null, string? Retries = null);

/// <summary>
/// The runtime stage's HEALTHCHECK: its options (<c>--interval=30s</c>, …) and its command, in exec form
/// (<see cref="Exec"/>) or shell form (<see cref="Shell"/>); neither means <c>HEALTHCHECK NONE</c>,
/// which turns off the base image's check.
/// </summary>
/// <param name="Options">The options, in the order Docker documents them.</param>
/// <param name="Exec">The command as a program and its arguments, or null.</param>
/// <param name="Shell">The command for the image's shell, or null.</param>
public sealed partial record HealthCheck(IReadOnlyList<string> Options, IReadOnlyList<string>? Exec, string? Shell)
{
    /// <summary>Gets whether the check is turned off (<c>HEALTHCHECK NONE</c>).</summary>
    public bool Disabled => Exec is null && Shell is null;

    /// <summary>Checks the settings; throws MSTAGE1026 for a value that is not valid and MSTAGE1027 for a shell command on an image without a shell.</summary>
    /// <returns>The health check, or null when none is set.</returns>
    public static HealthCheck? From(HealthCheckSettings? settings, bool hasShell, string runtimeImage)
    {
        if (settings is null)
        {
            return null;
        }

        var command = settings.Command?.Trim() ?? "";
        if (command.Length == 0)
        {
            var (property, value) = new[] { ("Interval", settings.Interval), ("Timeout", settings.Timeout), ("StartPeriod", settings.StartPeriod), ("Retries", settings.Retries) }
                .FirstOrDefault(p => !string.IsNullOrWhiteSpace(p.Item2));
            return property is null ? null
                : throw new MultiStageException(Diagnostics.InvalidHealthCheck($"ContainerHealthCheck{property}", value!, "it applies only to a ContainerHealthCheck command; set ContainerHealthCheck too"));
        }

        if (command.Equals("NONE", StringComparison.OrdinalIgnoreCase))
        {
            return new HealthCheck([], null, null);
        }

        string[] options =
        [
            .. Duration("interval", "ContainerHealthCheckInterval", settings.Interval),
            .. Duration("timeout", "ContainerHealthCheckTimeout", settings.Timeout),
            .. Duration("start-period", "ContainerHealthCheckStartPeriod", settings.StartPeriod),
            .. Count("retries", "ContainerHealthCheckRetries", settings.Retries),
        ];

        if (command.StartsWith('['))
        {
            return new HealthCheck(options, ExecForm(command), null);
        }

        // One line, not ending in a continuation: the command cannot reach past its HEALTHCHECK instruction.
        if (command.Contains('\n') || command.Contains('\r') || command.EndsWith('\\'))
        {
            throw new MultiStageException(Diagnostics.InvalidHealthCheck("ContainerHealthCheck", command, "a shell command is one line that does not end in '\\'"));
        }

        return hasShell ? new HealthCheck(options, null, command) : throw new MultiStageException(Diagnostics.HealthCheckNeedsShell(runtimeImage));
    }

    private static string[] ExecForm(string command)
    {
        string[]? arguments = null;
        try
        {
            arguments = JsonSerializer.Deserialize<string[]>(command);
        }
        catch (JsonException)
        {
        }

        return arguments is { Length: > 0 } && arguments.All(a => a is not null)
            ? arguments
            : throw new MultiStageException(Diagnostics.InvalidHealthCheck("ContainerHealthCheck", command, "a command in exec form is a JSON array of strings, the program first (for example [\"/app/healthcheck\", \"--quick\"])"));
    }

    private static string[] Duration(string option, string property, string? value) =>
        string.IsNullOrWhiteSpace(value) ? []
        : DurationPattern().IsMatch(value.Trim()) ? [$"--{option}={value.Trim()}"]
        : throw new MultiStageException(Diagnostics.InvalidHealthCheck(property, value, "a duration is a number with a unit, h, m, s or ms, such as 30s, 1m30s or 500ms"));

    private static string[] Count(string option, string property, string? value) =>
        string.IsNullOrWhiteSpace(value) ? []
        : int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 ? [$"--{option}={n}"]
        : throw new MultiStageException(Diagnostics.InvalidHealthCheck(property, value, "the number of retries is a whole number from 1"));

    /// <summary>A duration as the engine reads it (Go's time.ParseDuration), without a sign.</summary>
    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
