using System.IO.Compression;
using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>The nupkg holds exactly what a user's build needs, and none of MSBuild's own assemblies.</summary>
public class PackageContentTests
{
    private static readonly string[] Expected =
    [
        "MultiStage.Sdk.nuspec",
        "README.md",
        "Sdk/Sdk.props",
        "Sdk/Sdk.targets",
        "Sdk/Solution.targets",
        "build/MultiStage.App.targets",
        "build/MultiStage.RuntimeIdentifier.targets",
        "build/MultiStage.Sdk.buildschema.json",
        "build/MultiStage.Sdk.props",
        "build/PublishProfiles/MultiStage.pubxml",
        "build/report.schema.json",
        "build/MultiStage.Sdk.targets",
        "buildTransitive/MultiStage.Sdk.props",
        "buildTransitive/MultiStage.Sdk.targets",
        "tasks/net8.0/Docker.DotNet.Handler.Abstractions.dll",
        "tasks/net8.0/Docker.DotNet.LegacyHttp.dll",
        "tasks/net8.0/Docker.DotNet.NPipe.dll",
        "tasks/net8.0/Docker.DotNet.NativeHttp.dll",
        "tasks/net8.0/Docker.DotNet.Unix.dll",
        "tasks/net8.0/Docker.DotNet.X509.dll",
        "tasks/net8.0/Docker.DotNet.dll",
        "tasks/net8.0/Google.Protobuf.dll",
        "tasks/net8.0/Microsoft.Extensions.DependencyInjection.Abstractions.dll",
        "tasks/net8.0/Microsoft.Extensions.Logging.Abstractions.dll",
        "tasks/net8.0/Microsoft.Net.Http.Client.dll",
        "tasks/net8.0/MultiStage.Sdk.deps.json",
        "tasks/net8.0/MultiStage.Sdk.dll",
        "tasks/net8.0/Scriban.Signed.dll",
        "tasks/net8.0/System.IO.Pipelines.dll",
        "templates/dotnet/Dockerfile.sbn",
        "templates/dotnet/dockerignore.sbn",
        "templates/go/Dockerfile.sbn",
        "templates/go/dockerignore.sbn",
        "templates/node/Dockerfile.sbn",
        "templates/node/dockerignore.sbn",
        "templates/php/Dockerfile.sbn",
        "templates/php/dockerignore.sbn",
        "templates/shared/build-args.sbn",
        "templates/shared/builder-header.sbn",
        "templates/shared/cache-mount.sbn",
        "templates/shared/dockerignore-common.sbn",
        "templates/shared/dockerignore-sdk-project.sbn",
        "templates/shared/entrypoint.sbn",
        "templates/shared/healthcheck.sbn",
        "templates/shared/labels.sbn",
        "templates/shared/os-packages.sbn",
        "templates/shared/runtime-metadata.sbn",
        "templates/shared/start.sbn",
    ];

    private static IEnumerable<string> Files(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return [.. zip.Entries
            .Select(e => e.FullName)
            .Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml")
            .Order(StringComparer.Ordinal)];
    }

    [Test]
    public void The_package_lists_exactly_the_expected_files() =>
        Assert.That(Files(Repository.Package), Is.EqualTo(Expected.Order(StringComparer.Ordinal)));

    [Test]
    public void Packing_from_another_folder_gives_the_same_files()
    {
        var folder = Path.Combine(IntegrationRun.Directory, "pack-elsewhere");
        Directory.CreateDirectory(folder);
        var project = Path.Combine(Repository.Root, "src", "MultiStage.Sdk", "MultiStage.Sdk.csproj");

        var pack = DotNetCli.Run(folder, ["pack", project, "-c", "Release", "-o", Path.Combine(folder, "out"), "-nologo", "-tl:false"], Path.Combine(folder, "pack.log"));

        Assert.That(pack.Succeeded, pack.ToString());
        Assert.That(Files(Path.Combine(folder, "out", $"MultiStage.Sdk.{Repository.PackageVersion}.nupkg")), Is.EqualTo(Expected.Order(StringComparer.Ordinal)));
    }
}
