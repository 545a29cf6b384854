using System.Text.Json;
using System.Text.Json.Serialization;
using MultiStage.Sdk.Context;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Pipeline;

/// <summary>
/// What the render worked out for the engine: the Dockerfile, what goes into its context and how the image is
/// made. Written as <c>plan.json</c> beside the rendered Dockerfile by the render task, read by the build and push
/// tasks, so no fact of the plan travels between targets as an MSBuild property. It holds paths and names only,
/// never a credential.
/// </summary>
public sealed record BuildPlan
{
    /// <summary>The file's name, beside the rendered Dockerfile.</summary>
    public const string FileName = "plan.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Gets the stack the image is built for (<c>dotnet</c>, <c>node</c>, <c>go</c>, <c>php</c>).</summary>
    public required string Stack { get; init; }

    /// <summary>Gets how the app gets into the image: <c>publish</c> (a .NET app's publish output) or <c>source</c> (a builder stage builds it).</summary>
    public required string BuildFrom { get; init; }

    /// <summary>Gets the builder the image is built with and the Dockerfile was rendered for: <c>buildkit</c> or <c>classic</c>.</summary>
    public required string Builder { get; init; }

    /// <summary>Gets the runtime identifier a .NET app was published for, or null when it is portable or not .NET.</summary>
    public string? RuntimeIdentifier { get; init; }

    /// <summary>Gets the Dockerfile built: the rendered one, or the user's own.</summary>
    public required string Dockerfile { get; init; }

    /// <summary>Gets a user's Dockerfile's own path in the context, sent there as the docker CLI sends it; null when the Dockerfile is injected.</summary>
    public string? DockerfileInContext { get; init; }

    /// <summary>Gets the .dockerignore that decides the context taken from <see cref="ContextDirectory"/>.</summary>
    public required string DockerIgnore { get; init; }

    /// <summary>Gets the folder the context is taken from, or null when the context is only <see cref="HostFiles"/> (a publish output).</summary>
    public string? ContextDirectory { get; init; }

    /// <summary>Gets the plan's own small files, written beside the Dockerfile and put in the context's <c>.multistage/</c> folder by name.</summary>
    public IReadOnlyList<string> PlanFiles { get; init; } = [];

    /// <summary>Gets the files put in the context from elsewhere on this machine (a publish output, carried packages).</summary>
    public IReadOnlyList<ContextFile> HostFiles { get; init; } = [];

    /// <summary>Gets where a builder stage puts the context, so the paths it prints map back to this machine; null when none does.</summary>
    public string? BuilderSourceRoot { get; init; }

    /// <summary>Writes the plan to <paramref name="path"/>, leaving an unchanged file untouched.</summary>
    public void Write(string path)
    {
        var text = JsonSerializer.Serialize(this, Options) + "\n";
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            File.WriteAllText(path, text);
        }
    }

    /// <summary>Reads the plan the render wrote; a missing or broken file is a coded error that says to publish again.</summary>
    public static BuildPlan Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<BuildPlan>(File.ReadAllText(path), Options)
                ?? throw new JsonException("empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new MultiStageException(Diagnostics.PlanUnreadable(path, e.Message), e);
        }
    }
}
