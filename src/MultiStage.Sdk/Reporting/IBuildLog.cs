namespace MultiStage.Sdk.Reporting;

/// <summary>Where the core folders write progress; the MSBuild tasks forward it to the build log.</summary>
public interface IBuildLog
{
    /// <summary>A line of detail: what the engine's build steps print (low importance).</summary>
    void Progress(string line);

    /// <summary>A line a user reads at default verbosity.</summary>
    void Summary(string line);

    /// <summary>A coded warning.</summary>
    void Warning(Diagnostic diagnostic);

    /// <summary>A coded error that does not stop the build by itself (for example a compiler error seen inside the builder).</summary>
    void Error(Diagnostic diagnostic);
}
