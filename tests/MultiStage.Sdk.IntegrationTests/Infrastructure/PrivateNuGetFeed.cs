using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// A NuGet v3 feed on 127.0.0.1 that needs a user and password (HTTP basic authentication), as a company's
/// private feed does: a service index and the flat-container resource restore reads (the versions of an
/// id, the .nupkg of a version), served from a folder of .nupkg files. Every request without the right
/// credentials gets 401, so a restore that reaches it without them fails.
/// </summary>
internal sealed class PrivateNuGetFeed : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _packages;
    private readonly string _authorization;
    private readonly Task _serving;

    public PrivateNuGetFeed(string packagesFolder, string user, string password)
    {
        _packages = packagesFolder;
        _authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        Port = Engine.FreeLoopbackPort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string ServiceIndex => $"http://127.0.0.1:{Port}/v3/index.json";

    /// <summary>Gets the ids and versions of packages downloaded with the credentials.</summary>
    public List<string> Downloads { get; } = [];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Answer(context);
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var response = context.Response;
        if (context.Request.Headers["Authorization"] != _authorization)
        {
            response.StatusCode = 401;
            response.AddHeader("WWW-Authenticate", "Basic realm=\"private feed\"");
            return;
        }

        var path = context.Request.Url!.AbsolutePath;
        var segments = path.Trim('/').Split('/');
        switch (segments)
        {
            case ["v3", "index.json"]:
                Json(response, new { version = "3.0.0", resources = new[] { new Dictionary<string, string> { ["@id"] = $"http://127.0.0.1:{Port}/v3/flat/", ["@type"] = "PackageBaseAddress/3.0.0" } } });
                break;
            case ["v3", "flat", var id, "index.json"]:
                var versions = Packages().Where(p => p.Id.Equals(id, StringComparison.OrdinalIgnoreCase)).Select(p => p.Version.ToLowerInvariant()).ToArray();
                if (versions.Length == 0)
                {
                    response.StatusCode = 404;
                    return;
                }

                Json(response, new { versions });
                break;
            case ["v3", "flat", var id, var version, var file] when file.EndsWith(".nupkg", StringComparison.Ordinal):
                var package = Packages().FirstOrDefault(p => p.Id.Equals(id, StringComparison.OrdinalIgnoreCase) && p.Version.Equals(version, StringComparison.OrdinalIgnoreCase));
                if (package.File is null)
                {
                    response.StatusCode = 404;
                    return;
                }

                lock (Downloads)
                {
                    Downloads.Add($"{package.Id} {package.Version}");
                }

                var bytes = File.ReadAllBytes(package.File);
                response.ContentType = "application/octet-stream";
                response.OutputStream.Write(bytes);
                break;
            default:
                response.StatusCode = 404;
                break;
        }
    }

    /// <summary>The packages of the folder, each with the id and version of its .nuspec.</summary>
    private IEnumerable<(string Id, string Version, string File)> Packages()
    {
        foreach (var file in Directory.EnumerateFiles(_packages, "*.nupkg"))
        {
            using var zip = ZipFile.OpenRead(file);
            var nuspec = zip.Entries.First(e => e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase) && !e.FullName.Contains('/'));
            using var stream = nuspec.Open();
            var metadata = XDocument.Load(stream).Root!.Elements().First(e => e.Name.LocalName == "metadata");
            string Value(string name) => metadata.Elements().First(e => e.Name.LocalName == name).Value;
            yield return (Value("id"), Value("version"), file);
        }
    }

    private static void Json(HttpListenerResponse response, object value)
    {
        response.ContentType = "application/json";
        response.OutputStream.Write(JsonSerializer.SerializeToUtf8Bytes(value));
    }
}
