using System.Diagnostics;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>The docker CLI's classic builder, the oracle some tests compare this package with.</summary>
internal static class DockerCli
{
    /// <summary>Runs <c>docker build</c> with the classic builder on the host network, the Dockerfile on standard input.</summary>
    public static (int ExitCode, string Output) Build(string context, string tag, string dockerfile, string? target = null)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        var arguments = new List<string> { "build", "--network", "host", "--force-rm", "-t", tag, "-f", "-" };
        if (target is not null)
        {
            arguments.AddRange(["--target", target]);
        }

        arguments.Add(context);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOCKER_BUILDKIT"] = "0";
        using var process = Process.Start(start)!;
        process.StandardInput.Write(dockerfile);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>Removes an image the CLI built, if it is there.</summary>
    public static void RemoveImage(string tag)
    {
        using var process = Process.Start(new ProcessStartInfo("docker", ["rmi", "-f", tag]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.WaitForExit();
    }
}
