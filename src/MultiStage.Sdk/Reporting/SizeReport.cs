using System.Globalization;

namespace MultiStage.Sdk.Reporting;

/// <summary>How big the image is, and how much the multi-stage build saved against the builder stage.</summary>
/// <param name="ProjectName">The project, as MSBuild names it in its own output lines.</param>
/// <param name="Reference">The first reference the image was tagged with.</param>
/// <param name="ImageId">The image id.</param>
/// <param name="Size">The image's size in bytes, as the engine reports it.</param>
/// <param name="BuilderStage">The builder stage's name, when there was one.</param>
/// <param name="BuilderSize">The builder stage image's size in bytes.</param>
public sealed record SizeReport(string ProjectName, string Reference, string ImageId, long Size, string? BuilderStage, long? BuilderSize)
{
    /// <summary>Gets how much smaller the image is than its builder stage, in whole percent (negative when it is larger).</summary>
    public int? PercentSmaller => BuilderSize is > 0 and var b ? (int)Math.Round((1 - (double)Size / b) * 100) : null;

    /// <summary>Gets the one line the build ends with, such as <c>myapp -> myapp:latest  85.3 MB  (builder stage 851 MB, 90 % smaller)</c>.</summary>
    public string Summary =>
        $"{ProjectName} -> {Reference}  {ByteSize.Format(Size)}"
        + (BuilderSize is { } b ? string.Create(CultureInfo.InvariantCulture, $"  (builder stage {ByteSize.Format(b)}, {Saving})") : "");

    // A runtime can outweigh a lean builder (php-fpm against the composer stage): say so plainly.
    private string Saving => PercentSmaller is < 0 and var p ? $"{-p} % larger" : $"{PercentSmaller} % smaller";
}
