using System.Globalization;
using System.Text.Json.Serialization;

namespace MultiStage.Sdk.Reporting;

/// <summary>
/// How big a built image is, what of it came from its base image and what this build added layer by
/// layer, and how much the multi-stage build saved against the builder stage. Plain data: written to
/// and read from <c>report.json</c> (see <see cref="ReportFile"/>), and laid out for the log by <see cref="SizeTable"/>.
/// </summary>
public sealed record SizeReport
{
    /// <summary>Gets the project, as MSBuild names it in its own output lines.</summary>
    public required string Project { get; init; }

    /// <summary>Gets the first reference the image was tagged with, the one reported.</summary>
    public required string Image { get; init; }

    /// <summary>Gets every reference the image was tagged with.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the image id (<c>sha256:…</c>).</summary>
    public required string ImageId { get; init; }

    /// <summary>Gets the image's size in bytes, as the engine reports it.</summary>
    public required long Size { get; init; }

    /// <summary>Gets the final stage's base image as its FROM line names it (<c>scratch</c> for none), or null when the build did not say.</summary>
    public string? BaseImage { get; init; }

    /// <summary>Gets the base image's id, or null for <c>scratch</c> or when unknown.</summary>
    public string? BaseImageId { get; init; }

    /// <summary>Gets the base image's size in bytes, as the engine reports it (0 for <c>scratch</c>), or null when unknown.</summary>
    public long? BaseSize { get; init; }

    /// <summary>Gets the bytes this build added on top of the base image.</summary>
    public long AddedSize => Size - (BaseSize ?? 0);

    /// <summary>Gets the builder stage's name: the largest stage other than the final one, when there was one.</summary>
    public string? BuilderStage { get; init; }

    /// <summary>Gets the builder stage image's size in bytes.</summary>
    public long? BuilderSize { get; init; }

    /// <summary>Gets how much smaller the image is than its builder stage, in whole percent (negative when it is larger).</summary>
    public int? PercentSmaller => BuilderSize is > 0 and var b ? (int)Math.Round((1 - (double)Size / b) * 100) : null;

    /// <summary>Gets the layers this build added on top of the base image, in the order they were built.</summary>
    public IReadOnlyList<ImageLayer> Layers { get; init; } = [];

    /// <summary>Gets how the app got into the image: <c>publish</c> (a .NET app's publish output, no builder stage) or <c>source</c> (built in a builder stage).</summary>
    public string? BuildFrom { get; init; }

    /// <summary>Gets the builder that built the image: <c>buildkit</c> or <c>classic</c>.</summary>
    public string? Builder { get; init; }

    /// <summary>Gets the runtime identifier a .NET app was published for, or null when it is portable or not .NET.</summary>
    public string? RuntimeIdentifier { get; init; }

    /// <summary>Gets the step numbers the engine took from its cache.</summary>
    public IReadOnlyList<int> CachedSteps { get; init; } = [];

    /// <summary>Gets what was pushed to ContainerRegistry, or null when nothing was.</summary>
    public PushedImage? Pushed { get; init; }

    /// <summary>Gets the one line the build ends with, such as <c>myapp -> myapp:latest  85.3 MB  (builder stage 851 MB, 90 % smaller)</c>.</summary>
    [JsonIgnore]
    public string Summary =>
        $"{Project} -> {Image}  {ByteSize.Format(Size)}"
        + (BuilderSize is { } b ? string.Create(CultureInfo.InvariantCulture, $"  (builder stage {ByteSize.Format(b)}, {Saving})")
            : BuildFrom == "publish" ? $"  (from the publish output{(RuntimeIdentifier is null ? "" : $" for {RuntimeIdentifier}")}, no build in the engine)" : "");

    // A runtime can outweigh a lean builder (php-fpm against the composer stage): say so plainly.
    private string Saving => PercentSmaller is < 0 and var p ? $"{-p} % larger" : $"{PercentSmaller} % smaller";
}

/// <summary>A layer a build added, from the engine's image history.</summary>
/// <param name="Index">Its position among the layers the build added, from 1 (the first built).</param>
/// <param name="Id">The history entry's image id, or null where the engine has none (<c>&lt;missing&gt;</c>).</param>
/// <param name="Size">Its size in bytes; 0 for an instruction that only sets metadata (ENV, USER, …).</param>
/// <param name="Instruction">The Dockerfile instruction that made it, as the history records it without the shell prefix.</param>
public sealed record ImageLayer(int Index, string? Id, long Size, string Instruction);
