using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Pipeline;

/// <summary>Reads MultiStageSmokeTestSeconds and MultiStageSmokeTestNetwork; a value that is neither is MSTAGE1047.</summary>
public static class SmokeSettings
{
    /// <summary>Returns the seconds to wait: the default when empty, else a whole number from 1 to 300.</summary>
    public static int Seconds(string? value) =>
        string.IsNullOrWhiteSpace(value) ? SmokeCheck.DefaultSeconds
        : int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 300 ? n
        : throw new MultiStageException(Diagnostics.InvalidSmokeTestSetting("MultiStageSmokeTestSeconds", value, "a whole number of seconds from 1 to 300"));

    /// <summary>Returns the network: <c>none</c> when empty, or <c>host</c>.</summary>
    public static string Network(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "none" => "none",
        "host" => "host",
        _ => throw new MultiStageException(Diagnostics.InvalidSmokeTestSetting("MultiStageSmokeTestNetwork", value, "none (the default: the container has loopback only) or host")),
    };
}
