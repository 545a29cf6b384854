using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests;

/// <summary>An <see cref="IBuildLog"/> that keeps what it is given, for tests to read.</summary>
internal sealed class RecordingLog : IBuildLog
{
    public List<string> Lines { get; } = [];

    public List<Diagnostic> Errors { get; } = [];

    public List<Diagnostic> Warnings { get; } = [];

    /// <summary>Gets the lines given at default verbosity, a subset of <see cref="Lines"/>.</summary>
    public List<string> Summaries { get; } = [];

    public void Progress(string line) => Lines.Add(line);

    public void Summary(string line)
    {
        Lines.Add(line);
        Summaries.Add(line);
    }

    public void Warning(Diagnostic diagnostic)
    {
        Lines.Add(diagnostic.Code);
        Warnings.Add(diagnostic);
    }

    public void Error(Diagnostic diagnostic) => Errors.Add(diagnostic);
}
