using System.Diagnostics;
using Docker.DotNet;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's podman serving its Docker-compatible API on a unix socket (<c>podman system service</c>), rootful, with
/// its storage in a folder of its own, so the test neither reads nor leaves anything in the machine's podman
/// storage; stopping it removes that storage. It pulls nothing: the images a build needs are copied from the Docker engine (<c>docker save | podman load</c>).
/// </summary>
internal sealed class PodmanService : IAsyncDisposable
{
    private static readonly object LogLock = new();
    private readonly string _folder;
    private readonly Process _service;

    private PodmanService(string folder, Process service)
    {
        _folder = folder;
        _service = service;
        Client = new DockerClientBuilder().WithEndpoint(new Uri(Endpoint)).Build();
    }

    /// <summary>Gets the value for DOCKER_HOST.</summary>
    public string Endpoint => $"unix://{Socket}";

    /// <summary>Gets a client of the service, for the tests to inspect and run images as with the docker CLI.</summary>
    public DockerClient Client { get; }

    private string Socket => Path.Combine(_folder, "podman.sock");

    private string[] GlobalOptions => Options(_folder);

    /// <summary>Starts the service in a new folder under /tmp and waits until it answers; fails the test when it does not.</summary>
    /// <remarks>Podman refuses a run root longer than 50 characters, hence a short folder of its own rather than one in the run's.</remarks>
    public static async Task<PodmanService> StartAsync()
    {
        Assert.That(Which("podman"), Is.Not.Null, "podman is not installed: 'bash eng/test.sh' installs Debian's podman package (apt-get install podman).");
        var folder = Path.Combine(Path.GetTempPath(), $"mstage-podman-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(folder);
        var log = Path.Combine(folder, "service.log");
        var start = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[.. Options(folder), "system", "service", "--time=0", $"unix://{Path.Combine(folder, "podman.sock")}"])
        {
            start.ArgumentList.Add(argument);
        }

        // Rootful Podman gives a container the highest open-file and process limits unless told otherwise, and
        // where this process may not raise its own (a sandbox without CAP_SYS_RESOURCE) runc fails to start it.
        var configuration = Path.Combine(folder, "containers.conf");
        File.WriteAllText(configuration, "[containers]\ndefault_ulimits = [\"nofile=4096:4096\", \"nproc=4096:4096\"]\n");
        start.Environment["CONTAINERS_CONF"] = configuration;

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var running = new PodmanService(folder, process);
        for (var attempt = 0; attempt < 60 && !process.HasExited; attempt++)
        {
            try
            {
                await running.Client.System.PingAsync();
                return running;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException or DockerApiException)
            {
                await Task.Delay(500);
            }
        }

        var output = Read(log);
        await running.DisposeAsync();
        Assert.Fail($"podman system service did not answer on {running.Endpoint} within 30 s:\n{output}");
        return running;
    }

    /// <summary>Copies <paramref name="images"/> from the Docker engine: <c>docker save … | podman load</c>.</summary>
    public void LoadFromDocker(params string[] images)
    {
        var archive = Path.Combine(_folder, "images.tar");
        Run("docker", ["save", "-o", archive, .. images]);
        try
        {
            Run("podman", [.. GlobalOptions, "load", "-i", archive]);
        }
        finally
        {
            File.Delete(archive);
        }
    }

    /// <summary>
    /// Stops the service and removes its storage: its containers and images, then what mounts are left, then the folder.
    /// Not <c>podman system reset</c>, which also removes the machine's networks and machines, wherever the storage is.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_service.HasExited)
        {
            _service.Kill();
            await _service.WaitForExitAsync();
        }

        _service.Dispose();
        TryRun("podman", [.. GlobalOptions, "rm", "--all", "--force"]);
        TryRun("podman", [.. GlobalOptions, "rmi", "--all", "--force"]);
        foreach (var mount in File.ReadAllLines("/proc/mounts").Select(l => l.Split(' ')[1]).Where(m => m.StartsWith(_folder + "/", StringComparison.Ordinal)).Reverse())
        {
            TryRun("umount", ["-l", mount]);
        }

        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The global options every podman command of the test gets: its own storage, no systemd (cgroups and events in files).</summary>
    private static string[] Options(string folder) =>
        ["--root", Path.Combine(folder, "root"), "--runroot", Path.Combine(folder, "run"), "--storage-driver", "overlay", "--cgroup-manager", "cgroupfs", "--events-backend", "file"];

    private static void Run(string program, IEnumerable<string> arguments)
    {
        var (exitCode, output) = Execute(program, arguments);
        Assert.That(exitCode, Is.Zero, $"{program} {string.Join(' ', arguments)} failed:\n{output}");
    }

    private static void TryRun(string program, IEnumerable<string> arguments)
    {
        var (exitCode, output) = Execute(program, arguments);
        if (exitCode != 0)
        {
            TestContext.Progress.WriteLine($"{program} {string.Join(' ', arguments)}: exit {exitCode}\n{output}");
        }
    }

    private static (int ExitCode, string Output) Execute(string program, IEnumerable<string> arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    private static void Append(string log, string? line)
    {
        if (line is not null)
        {
            lock (LogLock)
            {
                File.AppendAllText(log, line + "\n");
            }
        }
    }

    private static string Read(string log) => File.Exists(log) ? File.ReadAllText(log) : "(no output)";
}
