using System.Diagnostics;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>Runs the dotnet CLI out of process, as a user would in a terminal, and keeps its output in a log file.</summary>
internal static class DotNetCli
{
    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c> in <paramref name="workingDirectory"/> and writes what it printed to <paramref name="log"/>.</summary>
    /// <remarks>The run's private NuGet folder is used; the test host's own MSBuild and VSTest variables are not passed on.</remarks>
    /// <param name="workingDirectory">Where to run.</param>
    /// <param name="arguments">The CLI's arguments.</param>
    /// <param name="log">Where to keep what it printed.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <param name="interruptWhen">When a line of output matches, the process gets SIGINT, as from Ctrl+C in a terminal.</param>
    public static PublishResult Run(string workingDirectory, IEnumerable<string> arguments, string log, IReadOnlyDictionary<string, string>? environment = null, Func<string, bool>? interruptWhen = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        // The test host runs under dotnet test: its MSBuild variables must not leak into the user-like command.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["NUGET_PACKAGES"] = IntegrationRun.NuGetPackages;
        // The test engine has no bridge network (eng/engine.sh starts it with --bridge=none): builds use the host's.
        start.Environment["MultiStageBuildNetwork"] = "host";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = new System.Text.StringBuilder();
        Stopwatch? sinceInterrupt = null;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            stdout.AppendLine(line);
            if (sinceInterrupt is null && interruptWhen?.Invoke(line) == true)
            {
                sinceInterrupt = Stopwatch.StartNew();
                using var kill = Process.Start("kill", ["-s", "INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
            }
        }

        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
        }

        var result = new PublishResult(process.ExitCode, stdout + stderr.Result) { StoppedAfterInterrupt = sinceInterrupt?.Elapsed };
        File.WriteAllText(log, $"dotnet {string.Join(' ', start.ArgumentList)}\n{result}");
        return result;
    }

    /// <summary>The switches every MSBuild command of the tests gets: plain console log, no node reuse, a binlog.</summary>
    public static string[] MSBuildSwitches(string binlog) => ["-nologo", "-tl:false", "-v:n", "-nodeReuse:false", $"-bl:{binlog}"];
}
