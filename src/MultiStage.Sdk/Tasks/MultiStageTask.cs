using Microsoft.Build.Framework;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tasks;

/// <summary>
/// What every task of this package shares: cancellation (Ctrl+C) and turning a
/// <see cref="MultiStageException"/> into one coded MSBuild error, never a stack trace.
/// </summary>
public abstract class MultiStageTask : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <inheritdoc />
    public void Cancel() => _cancellation.Cancel();

    /// <inheritdoc />
    public sealed override bool Execute()
    {
        try
        {
            ExecuteCoreAsync(_cancellation.Token).GetAwaiter().GetResult();
        }
        catch (MultiStageException e)
        {
            LogDiagnostic(Log, e.Diagnostic, error: true);
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            Log.LogMessage(MessageImportance.High, "Canceled.");
        }
        catch (Exception e)
        {
            Log.LogMessage(MessageImportance.Low, e.ToString());
            LogDiagnostic(Log, Diagnostics.Unexpected(e), error: true);
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>Does the task's one call into the core folders.</summary>
    protected abstract Task ExecuteCoreAsync(CancellationToken cancellationToken);

    /// <summary>Returns null for a parameter MSBuild passed empty (an unset property).</summary>
    protected static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Logs a coded diagnostic at its file and line.</summary>
    internal static void LogDiagnostic(Microsoft.Build.Utilities.TaskLoggingHelper log, Diagnostic d, bool error)
    {
        if (error)
        {
            log.LogError(null, d.Code, null, d.File, d.Line, d.Column, 0, 0, d.Message);
        }
        else
        {
            log.LogWarning(null, d.Code, null, d.File, d.Line, d.Column, 0, 0, d.Message);
        }
    }
}
