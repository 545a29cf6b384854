namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>Paths in this repository: the samples, and the package that eng/test.sh packed.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    public static string PackagesDirectory => Path.Combine(Root, "artifacts", "packages");

    public static string Evidence => Path.Combine(Root, "artifacts", "test-evidence");

    public static string PackageVersion => "0.1.0";

    public static string Package => Path.Combine(PackagesDirectory, $"MultiStage.Sdk.{PackageVersion}.nupkg");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MultiStage.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MultiStage.Sdk.sln not found above the test assembly.");
    }
}
