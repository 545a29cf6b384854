using Microsoft.Build.Framework;
using MultiStage.Sdk.Engine;

namespace MultiStage.Sdk.Tasks;

/// <summary>
/// Starts connecting to the engine while the app still compiles (<see cref="EarlyConnection"/>), kept for this build
/// for the render to pick up; returns at once. A second app of the same build reuses the connection already started.
/// </summary>
public sealed class StartMultiStageEngineConnection : MultiStageTask
{
    /// <summary>Gets or sets MultiStageDockerHost, or empty to find the engine as the docker CLI does.</summary>
    public string? DockerHost { get; set; }

    /// <summary>Gets or sets the project's build-state.json (empty: no incremental build).</summary>
    public string? StatePath { get; set; }

    /// <summary>Gets or sets the project's report.json.</summary>
    public string? ReportPath { get; set; }

    /// <summary>Returns the connection this build started for <paramref name="dockerHost"/>, or null when none was.</summary>
    internal static EarlyConnection? Find(IBuildEngine4 engine, string? dockerHost) =>
        engine.GetRegisteredTaskObject(EarlyConnection.KeyFor(dockerHost), RegisteredTaskObjectLifetime.Build) as EarlyConnection;

    /// <inheritdoc />
    protected override Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var host = NullIfBlank(DockerHost);
        if (Find(BuildEngine4, host) is null)
        {
            // Disposed by MSBuild when the build ends, which cancels a connection still under way.
            BuildEngine4.RegisterTaskObject(EarlyConnection.KeyFor(host), EarlyConnection.Start(host, NullIfBlank(StatePath), NullIfBlank(ReportPath)), RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
            Log.LogMessage(MessageImportance.Normal, "Connecting to the container engine while the app compiles.");
        }

        return Task.CompletedTask;
    }
}
