namespace MultiStage.Sdk.Tests;

/// <summary>The repository's templates folder, as copied beside the test assembly (the package carries the same files).</summary>
internal static class Templates
{
    public static string Directory { get; } = Path.Combine(TestContext.CurrentContext.TestDirectory, "templates");
}
