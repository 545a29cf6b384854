using System.Text.RegularExpressions;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// A Go module (go.mod): modules downloaded in their own layer, a static, stripped build of the main
/// package, and a runtime stage with nothing but the binary, CA certificates and a non-root user.
/// </summary>
public sealed partial class GoStack : IStack
{
    /// <summary>The Go version used when go.mod names none.</summary>
    public const string DefaultGoVersion = "1.23";

    private const int DefaultPort = 8080;

    /// <summary>The non-root user of distroless images (nonroot, 65532), by number so any base honours it.</summary>
    private const string NonRootUser = "65532:65532";

    /// <inheritdoc />
    public string Name => "go";

    /// <inheritdoc />
    public bool Detect(ProjectFacts facts) => File.Exists(Path.Combine(facts.ProjectDirectory, "go.mod"));

    /// <inheritdoc />
    public StackPlan Plan(ProjectFacts facts, ContainerOptions options)
    {
        var goMod = File.ReadAllText(AppManifest.Require(facts, Name, "go.mod"));
        var module = ModulePattern().Match(goMod) is { Success: true } m ? m.Groups[1].Value : "app";
        var version = GoVersionPattern().Match(goMod) is { Success: true } v ? v.Groups[1].Value : DefaultGoVersion;
        var main = MainPackage(facts.ProjectDirectory, options.GoMain);
        var binary = main == "." ? module.Split('/')[^1] : main.Split('/')[^1];
        var workingDirectory = string.IsNullOrWhiteSpace(options.WorkingDirectory) ? "/app" : options.WorkingDirectory;

        return new StackPlan
        {
            Stack = Name,
            ContextDirectory = facts.ContextOrProjectDirectory,
            Variant = $"go {version}, static, main package {main}",
            BuilderImage = ImageReference.ValidateOrDefault("ContainerBuilderImage", options.BuilderImage, $"golang:{version}"),
            RuntimeImage = ImageReference.ValidateOrDefault("ContainerBaseImage", options.BaseImage, "gcr.io/distroless/static-debian12:nonroot"),
            WorkingDirectory = workingDirectory,
            User = string.IsNullOrWhiteSpace(options.User) ? NonRootUser : options.User,
            Ports = options.Ports.Count > 0 ? options.Ports : [new ContainerPort(DefaultPort)],
            Environment = options.Environment,
            Labels = options.Labels,
            Entrypoint = [$"{workingDirectory.TrimEnd('/')}/{binary}"],
            App = new GoApp(File.Exists(Path.Combine(facts.ProjectDirectory, "go.sum")), main == "." ? "." : $"./{main}", binary),
        };
    }

    /// <summary>The main package's folder, relative with forward slashes: the one chosen, the root, or the only cmd/&lt;name&gt;.</summary>
    internal static string MainPackage(string directory, string? requested)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var relative = requested.Trim().Replace('\\', '/').TrimStart('.', '/').TrimEnd('/');
            return IsMain(Path.Combine(directory, relative)) ? (relative.Length == 0 ? "." : relative)
                : throw new MultiStageException(Diagnostics.GoMainMissing(directory, requested));
        }

        if (IsMain(directory))
        {
            return ".";
        }

        var cmd = Path.Combine(directory, "cmd");
        var candidates = Directory.Exists(cmd)
            ? Directory.EnumerateDirectories(cmd).Where(IsMain).Select(d => $"cmd/{Path.GetFileName(d)}").Order(StringComparer.Ordinal).ToList()
            : [];
        return candidates switch
        {
            [var only] => only,
            [] => throw new MultiStageException(Diagnostics.GoMainMissing(directory, null)),
            _ => throw new MultiStageException(Diagnostics.GoMainAmbiguous(directory, candidates)),
        };
    }

    private static bool IsMain(string directory) =>
        Directory.Exists(directory)
        && Directory.EnumerateFiles(directory, "*.go").Any(f => !f.EndsWith("_test.go", StringComparison.Ordinal) && PackageMainPattern().IsMatch(File.ReadAllText(f)));

    [GeneratedRegex(@"^module\s+""?([^\s""]+)""?", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ModulePattern();

    [GeneratedRegex(@"^go\s+(\d+\.\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex GoVersionPattern();

    [GeneratedRegex(@"^package\s+main\b", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PackageMainPattern();
}

/// <summary>What only the Go template reads.</summary>
/// <param name="HasGoSum">Whether go.sum exists (copied with go.mod before the download layer).</param>
/// <param name="MainPackage">The package to build, as <c>go build</c> takes it (<c>.</c> or <c>./cmd/name</c>).</param>
/// <param name="Binary">The binary's file name.</param>
public sealed record GoApp(bool HasGoSum, string MainPackage, string Binary);
