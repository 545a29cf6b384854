using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tasks;

/// <summary>The core folders' <see cref="IBuildLog"/>, written to the MSBuild log.</summary>
internal sealed class TaskBuildLog(TaskLoggingHelper log) : IBuildLog
{
    /// <inheritdoc />
    public void Progress(string line) => log.LogMessage(MessageImportance.Low, "{0}", line);

    /// <inheritdoc />
    public void Summary(string line) => log.LogMessage(MessageImportance.High, "{0}", line);

    /// <inheritdoc />
    public void Warning(Diagnostic diagnostic) => MultiStageTask.LogDiagnostic(log, diagnostic, error: false);

    /// <inheritdoc />
    public void Error(Diagnostic diagnostic) => MultiStageTask.LogDiagnostic(log, diagnostic, error: true);
}
