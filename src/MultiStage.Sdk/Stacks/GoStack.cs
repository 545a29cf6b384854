using System.Text.RegularExpressions;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// A Go module (go.mod): modules downloaded in their own layer (or read from a committed vendor/), a
/// stripped build of the main package, and a runtime stage with nothing but the binary, CA certificates
/// and a non-root user: static on distroless/static, or, for cgo, linked against glibc on distroless/base.
/// </summary>
public sealed partial class GoStack : IStack
{
    /// <summary>The Go version used when go.mod names none.</summary>
    public const string DefaultGoVersion = "1.23";

    /// <summary>The build argument that hands cgo to the user: the build takes its value.</summary>
    private const string CgoBuildArg = "CGO_ENABLED";

    private const int DefaultPort = 8080;

    /// <summary>The non-root user of distroless images (nonroot, 65532), by number so any base honours it.</summary>
    private const string NonRootUser = "65532:65532";

    /// <inheritdoc />
    public string Name => "go";

    /// <inheritdoc />
    public string Manifest => "go.mod";

    /// <inheritdoc />
    public bool Detect(ProjectFacts facts) => File.Exists(Path.Combine(facts.ProjectDirectory, Manifest));

    /// <inheritdoc />
    public StackPlan Plan(ProjectFacts facts, ContainerOptions options)
    {
        var goMod = File.ReadAllText(AppManifest.Require(facts, Name, Manifest));
        var directory = facts.ProjectDirectory;
        var buildArgs = options.BuildArgs.Select(a => a.Trim()).ToHashSet(StringComparer.Ordinal);
        if (!buildArgs.Contains("GOWORK") && Workspace(facts) is { } goWork)
        {
            throw new MultiStageException(Diagnostics.GoWorkspace(goWork));
        }

        var module = ModulePattern().Match(goMod) is { Success: true } m ? m.Groups[1].Value : "app";
        var version = GoVersionPattern().Match(goMod) is { Success: true } v ? v.Groups[1].Value : DefaultGoVersion;
        var main = MainPackage(directory, options.GoMain);
        var binary = main == "." ? module.Split('/')[^1] : main.Split('/')[^1];
        var workingDirectory = options.WorkingDirectoryOr("/app");
        var vendored = File.Exists(Path.Combine(directory, "vendor", "modules.txt"));
        // CGO_ENABLED as a build argument: its value decides, and the glibc runtime runs either kind of binary.
        var cgo = buildArgs.Contains(CgoBuildArg) ? "" : ImportsC(directory, vendored) ? "1" : "0";
        var linking = cgo switch { "0" => "static", "1" => "cgo (glibc)", _ => "CGO_ENABLED from the build argument" };

        return new StackPlan
        {
            Stack = Name,
            ContextDirectory = facts.ContextOrProjectDirectory,
            Variant = $"main package {main}, {linking}{(vendored ? ", vendored modules" : "")}",
            BuilderImage = ImageReference.ValidateOrDefault("ContainerBuilderImage", options.BuilderImage, $"golang:{version}"),
            RuntimeImage = ImageReference.ValidateOrDefault("ContainerBaseImage", options.BaseImage,
                cgo == "0" ? "gcr.io/distroless/static-debian12:nonroot" : "gcr.io/distroless/base-debian12:nonroot"),
            WorkingDirectory = workingDirectory,
            User = options.UserOr(NonRootUser),
            Ports = options.PortsOr(DefaultPort),
            Entrypoint = [$"{workingDirectory.TrimEnd('/')}/{binary}"],
            App = new GoApp(File.Exists(Path.Combine(directory, "go.sum")), main == "." ? "." : $"./{main}", binary, vendored, cgo),
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

    /// <summary>The go.work that <c>go</c> would find in the builder: in the project folder or above it, inside the context.</summary>
    private static string? Workspace(ProjectFacts facts)
    {
        var context = Path.GetFullPath(facts.ContextOrProjectDirectory);
        for (var folder = new DirectoryInfo(facts.ProjectDirectory); folder is not null && !Path.GetRelativePath(context, folder.FullName).StartsWith("..", StringComparison.Ordinal); folder = folder.Parent)
        {
            if (Path.Combine(folder.FullName, "go.work") is var goWork && File.Exists(goWork))
            {
                return goWork;
            }
        }

        return null;
    }

    /// <summary>Whether a Go file the build compiles (the module's own, and vendor/'s when it is sent; no tests, no testdata) imports "C".</summary>
    private static bool ImportsC(string directory, bool vendored) =>
        Directory.EnumerateFiles(directory, "*.go", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("_test.go", StringComparison.Ordinal)
                && !Path.GetRelativePath(directory, f).Split(Path.DirectorySeparatorChar)
                    .Any(s => s is "testdata" or "obj" or "node_modules" || (s == "vendor" && !vendored) || s.StartsWith('.')))
            .Any(f => ImportCPattern().IsMatch(File.ReadAllText(f)));

    private static bool IsMain(string directory) =>
        Directory.Exists(directory)
        && Directory.EnumerateFiles(directory, "*.go").Any(f => !f.EndsWith("_test.go", StringComparison.Ordinal) && PackageMainPattern().IsMatch(File.ReadAllText(f)));

    [GeneratedRegex(@"^module\s+""?([^\s""]+)""?", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ModulePattern();

    [GeneratedRegex(@"^go\s+(\d+\.\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex GoVersionPattern();

    [GeneratedRegex(@"^package\s+main\b", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PackageMainPattern();

    /// <summary>cgo's import, on a line of its own (<c>import "C"</c>) or in an import block.</summary>
    [GeneratedRegex(@"^\s*(import\s+)?""C""\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ImportCPattern();
}

/// <summary>What only the Go template reads.</summary>
/// <param name="HasGoSum">Whether go.sum exists (copied with go.mod before the download layer).</param>
/// <param name="MainPackage">The package to build, as <c>go build</c> takes it (<c>.</c> or <c>./cmd/name</c>).</param>
/// <param name="Binary">The binary's file name.</param>
/// <param name="Vendored">Whether the modules are committed in vendor/ (with vendor/modules.txt): built with -mod=vendor and no download.</param>
/// <param name="CgoEnabled"><c>0</c> (a static binary), <c>1</c> (a Go file imports "C"), or empty when a CGO_ENABLED build argument decides.</param>
public sealed record GoApp(bool HasGoSum, string MainPackage, string Binary, bool Vendored, string CgoEnabled);
