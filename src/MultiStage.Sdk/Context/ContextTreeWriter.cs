using System.Formats.Tar;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Context;

/// <summary>Walks a context directory, and reads host files, into a tar: the part of <see cref="ContextArchive"/> that reads the disk.</summary>
/// <remarks>
/// <paramref name="write"/> writes one entry: into the tar, or into a fingerprint. With <paramref name="listingOnly"/>, files are given
/// without their content, their length in a PAX attribute: a cheap picture of the context to tell whether it changed.
/// </remarks>
internal sealed class ContextTreeWriter(
    Func<TarEntry, Task> write,
    DockerIgnore ignore,
    IReadOnlySet<string> replaced,
    IReadOnlySet<string> writtenDirectories,
    CancellationToken cancellationToken,
    bool listingOnly = false)
{
    // The docker CLI on Windows sends everything as 0755, since Windows has no Unix modes to keep.
    private const UnixFileMode WindowsMode = (UnixFileMode)0b111_101_101;

    // A link's own mode is always 0777 on Linux.
    private const UnixFileMode LinkMode = (UnixFileMode)0b111_111_111;

    // Excluded directories walked for re-included content: written just before the first thing below them is.
    private readonly List<(DirectoryInfo Directory, string Name)> _pendingDirectories = [];

    /// <summary>Gets the number of regular files written, host files included.</summary>
    public int Files { get; private set; }

    /// <summary>Gets the content bytes of the regular files written.</summary>
    public long Bytes { get; private set; }

    /// <summary>Writes everything below <paramref name="root"/> that the ignore patterns keep.</summary>
    public Task WriteAsync(DirectoryInfo root) => WalkAsync(root, prefix: "");

    /// <summary>Writes <paramref name="file"/> at its context path as a regular file: a symbolic link is sent as the file it points at.</summary>
    /// <exception cref="MultiStageException">The file does not exist or cannot be opened (MSTAGE1012).</exception>
    public async Task WriteHostFileAsync(ContextFile file)
    {
        cancellationToken.ThrowIfCancellationRequested();
        FileInfo source;
        try
        {
            source = new FileInfo(file.Source);
            if (source.LinkTarget is not null)
            {
                source = (FileInfo)source.ResolveLinkTarget(returnFinalTarget: true)!; // a link's own FileInfo has the link's length
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MultiStageException(Diagnostics.ContextUnreadable(file, e.Message), e);
        }

        if (!source.Exists)
        {
            throw new MultiStageException(Diagnostics.ContextUnreadable(file, "there is no such file"));
        }

        await WriteFileAsync(source, file.Path, file);
    }

    private async Task WalkAsync(DirectoryInfo directory, string prefix)
    {
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false };
        FileSystemInfo[] children = directory.GetFileSystemInfos("*", options);
        Array.Sort(children, (a, b) => string.CompareOrdinal(a.Name, b.Name));

        foreach (FileSystemInfo child in children)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string name = prefix + child.Name;
            bool isDirectory = child is DirectoryInfo && child.LinkTarget is null;
            if (replaced.Contains(name) || (writtenDirectories.Contains(name) && !isDirectory))
            {
                continue; // an injected file, or a directory of injected files, takes its place
            }

            bool excluded = ignore.IsExcluded(name);
            if (child.LinkTarget is { } target)
            {
                if (!excluded)
                {
                    var link = NewEntry(TarEntryType.SymbolicLink, name, child, OperatingSystem.IsWindows() ? target.Replace('\\', '/') : target);
                    await WriteAsync(link);
                }
            }
            else if (child is DirectoryInfo subdirectory)
            {
                await WalkDirectoryAsync(subdirectory, name, excluded);
            }
            else if (!excluded)
            {
                await WriteFileAsync((FileInfo)child, name);
            }
        }
    }

    private async Task WalkDirectoryAsync(DirectoryInfo directory, string name, bool excluded)
    {
        bool written = writtenDirectories.Contains(name);
        if (!excluded)
        {
            if (!written)
            {
                await WriteAsync(NewEntry(TarEntryType.Directory, name + "/", directory));
            }

            await WalkAsync(directory, name + "/");
            return;
        }

        if (!ignore.MayReincludeUnder(name))
        {
            return; // nothing below can come back: do not read it
        }

        if (written)
        {
            await WalkAsync(directory, name + "/");
            return;
        }

        _pendingDirectories.Add((directory, name));
        await WalkAsync(directory, name + "/");
        if (_pendingDirectories.Count > 0 && _pendingDirectories[^1].Name == name)
        {
            _pendingDirectories.RemoveAt(_pendingDirectories.Count - 1); // nothing below was re-included
        }
    }

    /// <summary>Writes a regular file; <paramref name="host"/> is the host file it is, whose failure to open is reported as such.</summary>
    private async Task WriteFileAsync(FileInfo file, string name, ContextFile? host = null)
    {
        var entry = NewEntry(TarEntryType.RegularFile, name, file);
        Files++;
        if (listingOnly)
        {
            Bytes += file.Length;
            await WriteAsync(entry);
            return;
        }

        // Special files (fifos, sockets, devices) report a length of 0: they are sent empty and never opened.
        if (file.Length == 0)
        {
            await WriteAsync(entry);
            return;
        }

        const FileOptions Options = FileOptions.Asynchronous | FileOptions.SequentialScan;
        FileStream opened;
        try
        {
            opened = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, Options);
        }
        catch (Exception e) when (host is not null && e is IOException or UnauthorizedAccessException)
        {
            throw new MultiStageException(Diagnostics.ContextUnreadable(host, e.Message), e);
        }

        await using var content = opened;
        entry.DataStream = content;
        Bytes += content.Length;
        await WriteAsync(entry);
    }

    // Writes an entry after the excluded parent directories it is re-included from.
    private async Task WriteAsync(TarEntry entry)
    {
        foreach (var (directory, name) in _pendingDirectories)
        {
            await write(NewEntry(TarEntryType.Directory, name + "/", directory));
        }

        _pendingDirectories.Clear();
        await write(entry);
    }

    /// <summary>The entry for a file, directory or link; a listing's entries are PAX with the full modification time and the file's length.</summary>
    private TarEntry NewEntry(TarEntryType type, string name, FileSystemInfo source, string? linkName = null)
    {
        var size = source is FileInfo file ? file.Length : 0;
        TarEntry entry;
        if (listingOnly)
        {
            entry = TarEntries.WithLink(TarEntries.Pax(type, name, source.LastWriteTimeUtc, [new(ContextArchive.ListingSize, size.ToString(System.Globalization.CultureInfo.InvariantCulture))]), linkName);
        }
        else
        {
            entry = TarEntries.Create(type, name, source.LastWriteTimeUtc, linkName, size);
        }

        entry.Mode = OperatingSystem.IsWindows() ? WindowsMode : type == TarEntryType.SymbolicLink ? LinkMode : source.UnixFileMode;
        entry.Uid = 0;
        entry.Gid = 0;
        return entry;
    }

}
