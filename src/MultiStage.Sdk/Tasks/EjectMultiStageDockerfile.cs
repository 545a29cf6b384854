using Microsoft.Build.Framework;
using MultiStage.Sdk.Rendering;

namespace MultiStage.Sdk.Tasks;

/// <summary>Writes the rendered Dockerfile and its .dockerignore into the project folder for the user to own (<c>-t:MultiStageEject</c>).</summary>
public sealed class EjectMultiStageDockerfile : MultiStageTask
{
    /// <summary>Gets or sets the rendered Dockerfile.</summary>
    [Required]
    public string DockerfilePath { get; set; } = "";

    /// <summary>Gets or sets the rendered .dockerignore.</summary>
    [Required]
    public string DockerIgnorePath { get; set; } = "";

    /// <summary>Gets or sets the project's folder, where the files are written.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>Gets or sets whether files the user already has are replaced (MultiStageEjectForce).</summary>
    public bool Force { get; set; }

    /// <summary>Gets the Dockerfile written.</summary>
    [Output]
    public string EjectedDockerfile { get; private set; } = "";

    /// <inheritdoc />
    protected override Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var (dockerfile, dockerIgnore) = Eject.Write(DockerfilePath, DockerIgnorePath, ProjectDirectory, Force);
        EjectedDockerfile = dockerfile;
        Log.LogMessage(MessageImportance.High, "Ejected {0} and {1}: the publish builds them as they are from now on.", dockerfile, Path.GetFileName(dockerIgnore));
        return Task.CompletedTask;
    }
}
