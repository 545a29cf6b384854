using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MultiStage.Sdk.Context;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// What the last build of a project was made from, and the image it made: when nothing that decides the
/// image has changed and the engine still has that image under every tag, the build can be skipped.
/// </summary>
/// <param name="Fingerprint">The SHA-256 of the build's inputs (see <see cref="FingerprintAsync"/>).</param>
/// <param name="ImageId">The image the build made.</param>
public sealed record BuildState(string Fingerprint, string ImageId)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>
    /// Returns the fingerprint of everything that decides the image: this build of the package (its module id), the Dockerfile, the
    /// .dockerignore and the other injected files, the tags, target, builder and build arguments, and the context as it would
    /// be sent, host files included (every path, mode, link, modification time and length; contents are not read).
    /// </summary>
    public static async Task<string> FingerprintAsync(BuildRequest request, CancellationToken cancellationToken)
    {
        var settings = new StringBuilder()
            .Append(typeof(BuildState).Assembly.ManifestModule.ModuleVersionId).Append('\n')
            .Append("tags=").Append(string.Join(',', request.Tags)).Append('\n')
            .Append("target=").Append(request.Target).Append('\n')
            .Append("builder=").Append(request.Builder).Append('\n');
        foreach (var (name, value) in request.BuildArgs.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            settings.Append(CultureInfo.InvariantCulture, $"arg {name.Length}:{name}={value.Length}:{value}\n");
        }

        var context = await ContextArchive.FingerprintAsync(request.ContextDirectory, request.ReadDockerIgnore(), request.ReadInjectedFiles(), request.HostFiles, cancellationToken).ConfigureAwait(false);
        var all = Encoding.UTF8.GetBytes(settings.Append("context=").Append(context).ToString());
        return Convert.ToHexString(SHA256.HashData(all)).ToLowerInvariant();
    }

    /// <summary>Reads the state a previous build left, or null when there is none (or it cannot be read).</summary>
    public static BuildState? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<BuildState>(File.ReadAllText(path), Options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes this state for the next build to compare with.</summary>
    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Options) + "\n");

    /// <summary>
    /// Returns the last build's report when it stands for a build with <paramref name="fingerprint"/>: the same inputs,
    /// and the engine still has the image under every tag; else why the image must be built.
    /// </summary>
    public static async Task<(SizeReport? Report, string? WhyNot)> FindUpToDateAsync(
        string statePath, string? reportPath, string fingerprint, DockerEngine engine, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var state = Read(statePath);
        var report = string.IsNullOrEmpty(reportPath) ? null : ReportFile.Read(reportPath);
        var whyNot = state is null ? "no earlier build is recorded"
            : state.Fingerprint != fingerprint ? $"the inputs changed (fingerprint {fingerprint[..12]}, was {state.Fingerprint[..Math.Min(12, state.Fingerprint.Length)]})"
            : report is null || report.ImageId != state.ImageId ? "the last build's report is missing"
            : !await state.IsOnEngineAsync(engine, tags, cancellationToken).ConfigureAwait(false) ? $"the engine no longer has {state.ImageId} under every tag"
            : null;
        return whyNot is null ? (report, null) : (null, whyNot);
    }

    /// <summary>Returns whether the engine still has <see cref="ImageId"/> under every one of <paramref name="tags"/>.</summary>
    public async Task<bool> IsOnEngineAsync(DockerEngine engine, IEnumerable<string> tags, CancellationToken cancellationToken)
    {
        foreach (var tag in tags)
        {
            try
            {
                var image = await engine.Client.Images.InspectImageAsync(tag, cancellationToken).ConfigureAwait(false);
                if (image.ID != ImageId)
                {
                    return false;
                }
            }
            catch (Docker.DotNet.DockerImageNotFoundException)
            {
                return false;
            }
        }

        return true;
    }
}
