using System.Formats.Tar;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>One path of an image's file system, as <c>docker export</c> lists it.</summary>
internal sealed record ImageFile(string Path, TarEntryType Type, int Uid, UnixFileMode Mode)
{
    public bool IsDirectory => Type == TarEntryType.Directory;

    /// <summary>Gets the last segment of the path.</summary>
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>Gets whether the path is a program on PATH's usual folders: <c>bin/</c> or <c>sbin/</c>, under / or /usr or /usr/local.</summary>
    public bool IsProgram => !IsDirectory && Path[..Math.Max(Path.LastIndexOf('/'), 0)] is "bin" or "sbin" or "usr/bin" or "usr/sbin" or "usr/local/bin" or "usr/local/sbin";
}

/// <summary>
/// The files of an image, read as a person would with <c>docker create</c> and <c>docker export</c>: what
/// the final image holds, whatever its stages did, shell or no shell.
/// </summary>
/// <remarks>Paths are relative to the image's root, without a leading or trailing slash: <c>usr/bin/sh</c>.</remarks>
internal sealed class ImageFiles
{
    private readonly Dictionary<string, ImageFile> _files;
    private readonly Dictionary<string, string> _contents;

    private ImageFiles(Dictionary<string, ImageFile> files, Dictionary<string, string> contents)
    {
        _files = files;
        _contents = contents;
    }

    public IReadOnlyCollection<ImageFile> All => _files.Values;

    /// <summary>Lists <paramref name="reference"/>'s files and keeps the text of those named in <paramref name="readText"/>.</summary>
    public static Task<ImageFiles> ReadAsync(string reference, params string[] readText) =>
        Engine.ExportAsync(reference, async tar =>
        {
            var files = new Dictionary<string, ImageFile>(StringComparer.Ordinal);
            var contents = new Dictionary<string, string>(StringComparer.Ordinal);
            await using var reader = new TarReader(tar);
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                var path = Normalize(entry.Name);
                if (path.Length == 0)
                {
                    continue;
                }

                files[path] = new ImageFile(path, entry.EntryType, entry.Uid, entry.Mode);
                if (readText.Contains(path, StringComparer.Ordinal))
                {
                    contents[path] = await ReadTextAsync(entry);
                }
            }

            return new ImageFiles(files, contents);
        });

    public bool Contains(string path) => _files.ContainsKey(Normalize(path));

    public ImageFile? this[string path] => _files.GetValueOrDefault(Normalize(path));

    /// <summary>Gets the text of a file named when the files were read, or null.</summary>
    public string? TextOf(string path) => _contents.GetValueOrDefault(Normalize(path));

    /// <summary>Gets the paths that match, sorted, for an assertion to show.</summary>
    public IReadOnlyList<string> Where(Func<ImageFile, bool> predicate) =>
        _files.Values.Where(predicate).Select(f => f.Path).Order(StringComparer.Ordinal).ToList();

    /// <summary>Gets the paths under <paramref name="directory"/> (itself included), sorted.</summary>
    public IReadOnlyList<string> Under(string directory)
    {
        var prefix = Normalize(directory);
        return Where(f => f.Path == prefix || f.Path.StartsWith(prefix + "/", StringComparison.Ordinal));
    }

    /// <summary>Gets whether a path has a segment sequence such as <c>node_modules/typescript</c>.</summary>
    public static bool HasSegments(string path, string segments) =>
        ("/" + path + "/").Contains("/" + segments + "/", StringComparison.Ordinal);

    /// <summary>Reads a tar entry's data as UTF-8 text.</summary>
    /// <remarks>
    /// Exactly the entry's length is read: the engine's response stream (a chunked HTTP body) fails a read
    /// of zero bytes, which a StreamReader or CopyTo at the end of an entry would make.
    /// </remarks>
    internal static async Task<string> ReadTextAsync(TarEntry entry)
    {
        if (entry.DataStream is null || entry.Length == 0)
        {
            return "";
        }

        var bytes = new byte[entry.Length];
        await entry.DataStream.ReadExactlyAsync(bytes);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    private static string Normalize(string path)
    {
        var p = path.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        return p.Trim('/');
    }
}
