using System.Formats.Tar;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Context;

/// <summary>
/// Writes a build context as a tar stream, the way the docker CLI sends one: paths relative to the context root with
/// forward slashes, .dockerignore applied, owner 0:0, modes and modification times kept, symbolic links as links.
/// </summary>
public static class ContextArchive
{
    private const UnixFileMode InjectedFileMode = (UnixFileMode)0b110_100_100; // 0644
    private const UnixFileMode InjectedDirectoryMode = (UnixFileMode)0b111_101_101; // 0755

    /// <summary>
    /// Streams the context to <paramref name="destination"/> as a tar: first the injected and host files with the
    /// directories that hold them, sorted by ordinal name, then the directory tree in a fixed order (each directory's
    /// entries sorted by ordinal name, depth first). Excluded paths are left out, and excluded directories are not read
    /// at all unless an exception pattern could re-include something below them.
    /// </summary>
    /// <param name="destination">Where the tar goes; it is written front to back and left open.</param>
    /// <param name="contextDirectory">The context root, or null for a context of only the injected and host files.</param>
    /// <param name="ignore">The patterns that leave paths of the tree out; injected and host files are never left out.</param>
    /// <param name="injectedFiles">
    /// Files that are always written, whatever the patterns say, with mode 0644 and a fixed time: context path (for
    /// example ".dockerignore" or ".multistage/Dockerfile") to content. A project file at the same path is left out.
    /// </param>
    /// <param name="hostFiles">
    /// Files read from anywhere on this machine, streamed with their own mode and modification time (a symbolic link
    /// is sent as the file it points at). A project file at the same path is left out.
    /// </param>
    /// <param name="cancellationToken">Stops the walk and the copy.</param>
    /// <returns>How many regular files, and how many bytes of content, were written, injected and host files included.</returns>
    /// <exception cref="MultiStageException">
    /// The context directory does not exist (MSTAGE1011), or a host file does not exist or cannot be opened (MSTAGE1012).
    /// </exception>
    /// <exception cref="ArgumentException">
    /// An injected or host path is not a clean relative path with forward slashes, is given twice, or is also the
    /// directory of another.
    /// </exception>
    public static async Task<ContextStats> WriteAsync(
        Stream destination,
        string? contextDirectory,
        DockerIgnore ignore,
        IReadOnlyDictionary<string, byte[]> injectedFiles,
        IReadOnlyList<ContextFile> hostFiles,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await using var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        return await WalkAsync(entry => writer.WriteEntryAsync(entry, cancellationToken), contextDirectory, ignore, injectedFiles, hostFiles, listingOnly: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Returns a SHA-256 of what <see cref="WriteAsync(Stream, string, DockerIgnore, IReadOnlyDictionary{string, byte[]}, IReadOnlyList{ContextFile}, CancellationToken)"/>
    /// would send, from the same walk: every path, type, mode, link and modification time, each file's length, and
    /// the injected files' content. The project's files and the host files are not read, so it costs a directory walk
    /// and a look at each host file.
    /// </summary>
    public static async Task<string> FingerprintAsync(
        string? contextDirectory,
        DockerIgnore ignore,
        IReadOnlyDictionary<string, byte[]> injectedFiles,
        IReadOnlyList<ContextFile> hostFiles,
        CancellationToken cancellationToken)
    {
        // The entries are hashed, not a tar of them: a tar's PAX header names carry the writing process's id.
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        // A publish rewrites some of its files (deps.json, runtimeconfig.json) with the same content every time, so
        // host files count by what they hold, not when they were written (the engine's cache of COPY does the same).
        var hosted = hostFiles.ToDictionary(f => f.Path, f => f.Source, StringComparer.Ordinal);
        async Task Add(TarEntry entry)
        {
            var size = entry is PaxTarEntry pax && pax.ExtendedAttributes.TryGetValue(ListingSize, out var length) ? length : "";
            var source = hosted.GetValueOrDefault(entry.Name);
            var time = source is null ? entry.ModificationTime.UtcTicks : 0;
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{entry.EntryType} {(int)entry.Mode} {time} {size} {entry.Name}\0{entry.LinkName}\0"));
            if (entry.DataStream is MemoryStream content)
            {
                hash.AppendData(content.ToArray());
            }
            else if (source is not null)
            {
                try
                {
                    await using var file = File.OpenRead(source);
                    hash.AppendData(await System.Security.Cryptography.SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new MultiStageException(Diagnostics.ContextUnreadable(new ContextFile(entry.Name, source), e.Message), e);
                }
            }
        }

        await WalkAsync(Add, contextDirectory, ignore, injectedFiles, hostFiles, listingOnly: true, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>The PAX attribute a listing gives a file's length in.</summary>
    internal const string ListingSize = "MULTISTAGE.size";

    private static async Task<ContextStats> WalkAsync(
        Func<TarEntry, Task> write,
        string? contextDirectory,
        DockerIgnore ignore,
        IReadOnlyDictionary<string, byte[]> injectedFiles,
        IReadOnlyList<ContextFile> hostFiles,
        bool listingOnly,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ignore);
        ArgumentNullException.ThrowIfNull(injectedFiles);
        ArgumentNullException.ThrowIfNull(hostFiles);
        var root = contextDirectory is null ? null : new DirectoryInfo(Path.GetFullPath(contextDirectory));
        if (root is { Exists: false })
        {
            throw new MultiStageException(Diagnostics.ContextDirectoryMissing(contextDirectory!));
        }

        var hosted = new Dictionary<string, ContextFile>(hostFiles.Count, StringComparer.Ordinal);
        foreach (var file in hostFiles)
        {
            if (injectedFiles.ContainsKey(file.Path) || !hosted.TryAdd(file.Path, file))
            {
                throw new ArgumentException($"The context path '{file.Path}' is given more than once.", nameof(hostFiles));
            }
        }

        var written = new HashSet<string>(injectedFiles.Keys.Concat(hosted.Keys), StringComparer.Ordinal);
        HashSet<string> directories = ParentsOf(injectedFiles.Keys, nameof(injectedFiles));
        directories.UnionWith(ParentsOf(hosted.Keys, nameof(hostFiles)));
        if (directories.FirstOrDefault(written.Contains) is { } both)
        {
            throw new ArgumentException($"The context path '{both}' is both a file and the directory of another.", nameof(hostFiles));
        }

        var tree = new ContextTreeWriter(write, ignore, written, directories, cancellationToken, listingOnly);

        // Sorted, each directory comes just before what it holds.
        foreach (string name in written.Concat(directories.Select(directory => directory + "/")).Order(StringComparer.Ordinal))
        {
            if (hosted.TryGetValue(name, out var file))
            {
                await tree.WriteHostFileAsync(file).ConfigureAwait(false);
                continue;
            }

            bool isDirectory = name.EndsWith('/');
            var entry = TarEntries.Create(isDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, name, DateTimeOffset.UnixEpoch, size: isDirectory ? 0 : injectedFiles[name].Length);
            entry.Mode = isDirectory ? InjectedDirectoryMode : InjectedFileMode;
            if (!isDirectory)
            {
                entry.DataStream = new MemoryStream(injectedFiles[name], writable: false);
            }

            await write(entry).ConfigureAwait(false);
        }

        if (root is not null)
        {
            await tree.WriteAsync(root).ConfigureAwait(false);
        }

        var injectedBytes = injectedFiles.Values.Sum(content => (long)content.Length);
        return new ContextStats(injectedFiles.Count + tree.Files, injectedBytes + tree.Bytes);
    }

    // The directories holding the given files, each path checked to be a clean relative path.
    private static HashSet<string> ParentsOf(IEnumerable<string> paths, string parameterName)
    {
        var parents = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            bool clean = path.Length > 0 && GoPath.Clean(path) == path && !path.Contains('\\');
            if (!clean || path[0] == '/' || path is "." or ".." || path.StartsWith("../", StringComparison.Ordinal))
            {
                throw new ArgumentException($"The context path '{path}' is not a clean relative path with forward slashes.", parameterName);
            }

            for (int slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                parents.Add(path[..slash]);
            }
        }

        return parents;
    }
}
