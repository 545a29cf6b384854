using System.Diagnostics;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>The docker CLI's classic builder, the oracle some tests compare this package with; and its BuildKit, which builds files this package renders for BuildKit.</summary>
internal static class DockerCli
{
    private const string DebianCli = "/usr/bin/docker";

    /// <summary>Runs <c>docker build</c> with the classic builder on the host network, the Dockerfile on standard input.</summary>
    public static (int ExitCode, string Output) Build(string context, string tag, string dockerfile, string? target = null) =>
        Run(context, tag, "-", dockerfile, target, buildKit: false, "host");

    /// <summary>Runs <c>docker build -f &lt;file&gt;</c> with the classic builder on the host network: a Dockerfile of the context, sent in it.</summary>
    public static (int ExitCode, string Output) BuildFile(string context, string tag, string dockerfileInContext) =>
        Run(context, tag, Path.Combine(context, dockerfileInContext), "", null, buildKit: false, "host");

    /// <summary>Runs <c>docker build -f &lt;file&gt;</c> with the engine's BuildKit (<c>DOCKER_BUILDKIT=1</c>, plain progress) on <paramref name="network"/>.</summary>
    public static (int ExitCode, string Output) BuildKit(string context, string tag, string dockerfile, string network = "host") =>
        Run(context, tag, dockerfile, "", null, buildKit: true, network);

    private static (int ExitCode, string Output) Run(string context, string tag, string file, string standardInput, string? target, bool buildKit, string network)
    {
        // Debian's docker CLI 20.10 drives the engine's own BuildKit; a newer CLI first on PATH asks for buildx.
        var start = new ProcessStartInfo(buildKit ? DebianCli : "docker") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        var arguments = new List<string> { "build", "--network", network, "-t", tag, "-f", file, buildKit ? "--progress=plain" : "--force-rm" };
        if (target is not null)
        {
            arguments.AddRange(["--target", target]);
        }

        arguments.Add(context);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOCKER_BUILDKIT"] = buildKit ? "1" : "0";
        using var process = Process.Start(start)!;
        process.StandardInput.Write(standardInput);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>Removes an image the CLI built, if it is there, leaving the builder's cache as <see cref="Engine.RemoveImageAsync"/> does.</summary>
    public static void RemoveImage(string tag)
    {
        using var process = Process.Start(new ProcessStartInfo("docker", ["rmi", "-f", "--no-prune", tag]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.WaitForExit();
    }
}
