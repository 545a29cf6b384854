namespace MultiStage.Sdk.Reporting;

/// <summary>
/// One coded message for the MSBuild log. <see cref="File"/> and <see cref="Line"/> point at the
/// place a reader should look (a rendered Dockerfile, a .dockerignore, a template), when there is one.
/// </summary>
public sealed record Diagnostic(string Code, string Message, string? File = null, int Line = 0, int Column = 0);

/// <summary>Raised by the core folders for any failure a user can act on; tasks turn it into an MSBuild error.</summary>
public sealed class MultiStageException(Diagnostic diagnostic, Exception? inner = null)
    : Exception($"{diagnostic.Code}: {diagnostic.Message}", inner)
{
    /// <summary>Gets the coded message to log.</summary>
    public Diagnostic Diagnostic { get; } = diagnostic;
}
