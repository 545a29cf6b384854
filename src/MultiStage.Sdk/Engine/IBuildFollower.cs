namespace MultiStage.Sdk.Engine;

/// <summary>
/// What following a build's stream found, whichever builder ran it (<see cref="BuildProgress"/> for the classic
/// builder and Podman, <see cref="BuildKitProgress"/> for BuildKit): <see cref="ImageBuild"/> reads the outcome here.
/// </summary>
internal interface IBuildFollower
{
    /// <summary>Gets the Dockerfile step running last (for a failure: the failing one), 0 before the first.</summary>
    int CurrentStep { get; }

    /// <summary>Gets the final image's id, once the engine said it.</summary>
    string? ImageId { get; }

    /// <summary>Gets the engine's first error message, if any.</summary>
    string? Error { get; }

    /// <summary>Gets the stages that ran, in order, with what is known of their images.</summary>
    IReadOnlyList<BuildStage> Stages { get; }

    /// <summary>Gets the steps the engine took from its cache.</summary>
    IReadOnlyList<int> CachedSteps { get; }

    /// <summary>Gets what the current (failing) step printed, its last lines: shown again when it fails.</summary>
    IReadOnlyCollection<string> StepOutput { get; }

    /// <summary>Gets a coded error a template's check printed (<c>MSTAGE####: message</c>), with the step that printed it.</summary>
    (int Step, string Code, string Message)? Reported { get; }

    /// <summary>Writes what is left of the stream's text.</summary>
    void Complete();
}
