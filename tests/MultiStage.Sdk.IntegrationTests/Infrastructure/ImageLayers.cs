using System.Formats.Tar;
using System.Text.Json;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// The paths each layer of an image holds, read from <c>docker save</c> (every layer's own tar), so a
/// file that a later layer deletes is still seen: what anyone who pulls the image can read.
/// </summary>
internal static class ImageLayers
{
    /// <summary>Returns the paths of every layer of <paramref name="reference"/>, base image's first; whiteouts (<c>.wh.</c> entries) are listed as they are.</summary>
    public static Task<IReadOnlyList<IReadOnlyList<string>>> PathsAsync(string reference) =>
        Engine.SaveAsync([reference], async saved =>
        {
            var layers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            string[] order = [];
            await using var archive = new TarReader(saved);
            while (await archive.GetNextEntryAsync() is { } entry)
            {
                if (entry.Name == "manifest.json")
                {
                    using var manifest = JsonDocument.Parse(await ImageFiles.ReadTextAsync(entry));
                    order = [.. manifest.RootElement[0].GetProperty("Layers").EnumerateArray().Select(l => l.GetString()!)];
                }
                else if (entry.Name.EndsWith("layer.tar", StringComparison.Ordinal) && entry.DataStream is not null)
                {
                    layers[entry.Name] = await ListAsync(entry.DataStream, entry.Length);
                }
            }

            Assert.That(order, Is.Not.Empty, $"docker save of {reference} has no manifest.json");
            return (IReadOnlyList<IReadOnlyList<string>>)[.. order.Select(l => (IReadOnlyList<string>)layers[l])];
        });

    /// <summary>Lists a layer's tar, reading exactly its length (the engine's stream fails a read past it).</summary>
    private static async Task<List<string>> ListAsync(Stream data, long length)
    {
        var bytes = new byte[length];
        await data.ReadExactlyAsync(bytes);
        var paths = new List<string>();
        await using var layer = new TarReader(new MemoryStream(bytes));
        while (await layer.GetNextEntryAsync() is { } entry)
        {
            paths.Add(entry.Name.TrimStart('.', '/').TrimEnd('/'));
        }

        return paths;
    }
}
