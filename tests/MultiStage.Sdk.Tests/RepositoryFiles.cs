namespace MultiStage.Sdk.Tests;

/// <summary>The repository the tests run from: its README, build files and targets, read as shipped.</summary>
internal static class RepositoryFiles
{
    /// <summary>Gets the folder of MultiStage.Sdk.sln above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Returns the path of <paramref name="relative"/> under the repository's root.</summary>
    public static string PathOf(params string[] relative) => Path.Combine([Root, .. relative]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MultiStage.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MultiStage.Sdk.sln not found above the tests.");
    }
}
