using System.Formats.Tar;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// The tests' view of the engine, used as a person would use the docker CLI: inspect an image, run
/// it on the host network, read its output, clean up. Every container is removed, pass or fail.
/// Methods that take an <c>engine</c> client use it instead of the default engine (a Podman service, for one).
/// </summary>
internal static class Engine
{
    private static readonly DockerClient Client = new DockerClientBuilder().Build();

    public static Task<ImageInspectResponse> InspectAsync(string reference) => Client.Images.InspectImageAsync(reference);

    /// <summary>The digests of the image's layers (<c>RootFS.Layers</c>), base image's first: a layer keeps its digest while its content does.</summary>
    public static async Task<IList<string>> LayersAsync(string reference) => (await InspectAsync(reference)).RootFS!.Layers!;

    /// <summary>The image's history as <c>docker history</c> lists it, newest entry first.</summary>
    public static Task<IList<ImageHistoryResponse>> HistoryAsync(string reference) => Client.Images.GetImageHistoryAsync(reference);

    /// <summary>Streams the images as <c>docker save</c> writes them (one tar of every layer and configuration) to <paramref name="read"/>.</summary>
    public static async Task<T> SaveAsync<T>(IReadOnlyList<string> imageIds, Func<Stream, Task<T>> read)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using var saved = await Client.Images.SaveImagesAsync([.. imageIds], timeout.Token);
        return await read(saved);
    }

    public static async Task<bool> ExistsAsync(string reference)
    {
        try
        {
            await Client.Images.InspectImageAsync(reference);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    public static async Task<IReadOnlyList<string>> ContainerIdsAsync() =>
        (await Client.Containers.ListContainersAsync(new ContainersListParameters { All = true })).Select(c => c.ID).ToList();

    /// <summary>Every image the engine holds, untagged and intermediate ones included (<c>docker images -a</c>).</summary>
    /// <summary>The containers, running or not, made from <paramref name="reference"/>.</summary>
    public static async Task<IReadOnlyList<string>> ContainersOfAsync(string reference) =>
        (await Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["ancestor"] = new Dictionary<string, bool> { [reference] = true } },
        })).Select(c => c.ID).ToList();

    /// <summary>The images, intermediate ones included, created at <paramref name="since"/> or later (whole seconds, as the engine keeps them).</summary>
    public static async Task<IReadOnlyList<string>> ImageIdsSinceAsync(DateTime since) =>
        (await Client.Images.ListImagesAsync(new ImagesListParameters { All = true })).Where(i => i.Created >= since.AddSeconds(-1)).Select(i => i.ID).ToList();

    public static async Task<IReadOnlyList<string>> ImageIdsAsync() =>
        (await Client.Images.ListImagesAsync(new ImagesListParameters { All = true })).Select(i => i.ID).ToList();

    /// <summary>Every tag of a repository, under any registry prefix (<c>repository:tag</c>, <c>host:port/repository:tag</c>).</summary>
    public static async Task<IReadOnlyList<string>> TagsOfAsync(string repository) =>
        [.. (await Client.Images.ListImagesAsync(new ImagesListParameters())).SelectMany(i => i.RepoTags ?? [])
            .Where(t => t.StartsWith($"{repository}:", StringComparison.Ordinal) || t.Contains($"/{repository}:", StringComparison.Ordinal))];

    /// <summary>Runs <paramref name="reference"/> to completion (optionally with another entry point) and returns its exit code and output.</summary>
    public static async Task<(long ExitCode, string Output)> RunAsync(string reference, IList<string>? entrypoint = null, IList<string>? environment = null)
    {
        var id = await CreateAsync(reference, entrypoint, environment);
        try
        {
            await Client.Containers.StartContainerAsync(id, new ContainerStartParameters());
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var wait = await Client.Containers.WaitContainerAsync(id, timeout.Token);
            return (wait.StatusCode, await LogsAsync(id));
        }
        finally
        {
            await RemoveContainerAsync(id);
        }
    }

    /// <summary>Starts <paramref name="reference"/> in the background; dispose the result to remove the container.</summary>
    public static async Task<RunningContainer> StartAsync(string reference, IList<string>? environment = null, DockerClient? engine = null)
    {
        var id = await CreateAsync(reference, null, environment, engine);
        await (engine ?? Client).Containers.StartContainerAsync(id, new ContainerStartParameters());
        return new RunningContainer(id, engine);
    }

    /// <summary>Whether the container is still running (false once it has exited or is gone).</summary>
    public static async Task<bool> IsRunningAsync(string id, DockerClient? engine = null)
    {
        try
        {
            return (await (engine ?? Client).Containers.InspectContainerAsync(id)).State?.Running == true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Creates a container of <paramref name="reference"/> without starting it and hands its file system,
    /// as <c>docker export</c> streams it (a tar), to <paramref name="read"/>; the container is removed after.
    /// </summary>
    /// <remarks>Works for an image without a shell, and runs nothing of the image.</remarks>
    public static async Task<T> ExportAsync<T>(string reference, Func<Stream, Task<T>> read)
    {
        var id = await CreateAsync(reference, null, null);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await using var tar = await Client.Containers.ExportContainerAsync(id, timeout.Token);
            return await read(tar);
        }
        finally
        {
            await RemoveContainerAsync(id);
        }
    }

    /// <summary>Reads a text file of a container, running or not (<c>docker cp</c>); null when it does not exist.</summary>
    public static async Task<string?> ReadFileAsync(string containerId, string path)
    {
        try
        {
            var archive = await Client.Containers.GetArchiveFromContainerAsync(containerId, new ContainerPathStatParameters { Path = path }, statOnly: false);
            if (archive.Stream is null)
            {
                return null;
            }

            await using var reader = new TarReader(archive.Stream);
            return await reader.GetNextEntryAsync() is { } entry ? await ImageFiles.ReadTextAsync(entry) : null;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static async Task<string> LogsAsync(string id, DockerClient? engine = null)
    {
        using var stream = await (engine ?? Client).Containers.GetContainerLogsAsync(id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true });
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(CancellationToken.None);
        return stdout + stderr;
    }

    /// <summary>
    /// Removes a test's image, but not its untagged parents: they are the classic builder's cache, which another
    /// build on this engine (a test run beside this one) may be using at that moment ("failed to get destination image").
    /// </summary>
    public static async Task RemoveImageAsync(string reference)
    {
        try
        {
            await Client.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = true, NoPrune = true });
        }
        catch (DockerImageNotFoundException)
        {
        }
    }

    /// <summary>A loopback port nothing listens on now (the container uses the host's network).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether nothing listens on <paramref name="port"/> on any address now (a container on the host network needs it).</summary>
    public static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    internal static async Task RemoveContainerAsync(string id, DockerClient? engine = null)
    {
        try
        {
            await (engine ?? Client).Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true });
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }

    private static async Task<string> CreateAsync(string reference, IList<string>? entrypoint, IList<string>? environment, DockerClient? engine = null)
    {
        var created = await (engine ?? Client).Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = reference,
            Entrypoint = entrypoint!,
            Env = environment!,
            HostConfig = new HostConfig { NetworkMode = "host" },
        });
        return created.ID;
    }
}

/// <summary>A container running in the background, removed when disposed.</summary>
internal sealed class RunningContainer(string id, DockerClient? engine = null) : IAsyncDisposable
{
    public string Id { get; } = id;

    public ValueTask DisposeAsync() => new(Engine.RemoveContainerAsync(Id, engine));
}
