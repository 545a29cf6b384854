using System.IO.Compression;
using System.Text;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>Looks for a secret's bytes where a build could have left it: files, a binlog, the layers of images.</summary>
internal static class SecretScan
{
    /// <summary>Returns the files under <paramref name="directory"/> that hold <paramref name="secret"/>.</summary>
    public static IReadOnlyList<string> FilesHolding(string directory, string secret) =>
        [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Where(f => { using var s = File.OpenRead(f); return HoldsAsync(s, secret).GetAwaiter().GetResult(); })];

    /// <summary>Returns whether a binlog (a gzip stream of MSBuild's events and the files it embeds) holds <paramref name="secret"/>.</summary>
    public static bool BinlogHolds(string binlog, string secret)
    {
        using var file = File.OpenRead(binlog);
        using var events = new GZipStream(file, CompressionMode.Decompress);
        return HoldsAsync(events, secret).GetAwaiter().GetResult();
    }

    /// <summary>Returns whether any layer or configuration of the images (as <c>docker save</c> writes them, uncompressed) holds <paramref name="secret"/>.</summary>
    public static Task<bool> ImagesHoldAsync(IReadOnlyList<string> imageIds, string secret) => Engine.SaveAsync(imageIds, saved => HoldsAsync(saved, secret));

    /// <summary>Returns every path in every layer of the image (as <c>docker save</c> writes them: each layer its own tar), so a file a later layer deletes is still found.</summary>
    public static Task<IReadOnlyList<string>> LayerPathsAsync(string imageId) => Engine.SaveAsync([imageId], async saved =>
    {
        var paths = new List<string>();
        await using var archive = new System.Formats.Tar.TarReader(saved);
        while (await archive.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (entry.Name.EndsWith("layer.tar", StringComparison.Ordinal) && entry.DataStream is { } layer)
            {
                await using var files = new System.Formats.Tar.TarReader(layer);
                while (await files.GetNextEntryAsync() is { } file)
                {
                    paths.Add($"{entry.Name}: {file.Name}");
                }
            }
        }

        return (IReadOnlyList<string>)paths;
    });

    /// <summary>Streams <paramref name="stream"/> once, keeping the last bytes of each read so a secret across two reads is found.</summary>
    /// <remarks>Asynchronous reads: the engine's response streams support no others.</remarks>
    public static async Task<bool> HoldsAsync(Stream stream, string secret)
    {
        var needle = Encoding.UTF8.GetBytes(secret);
        var buffer = new byte[(1 << 20) + needle.Length];
        var kept = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(kept, buffer.Length - kept))) > 0)
        {
            var filled = kept + read;
            if (buffer.AsSpan(0, filled).IndexOf(needle) >= 0)
            {
                return true;
            }

            kept = Math.Min(needle.Length - 1, filled);
            buffer.AsSpan(filled - kept, kept).CopyTo(buffer);
        }

        return false;
    }
}
