using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// One folder per test run: the apps under test and a private NuGet packages folder, so the package
/// is restored from the local feed exactly as a user would get it, never from a stale cache.
/// </summary>
[SetUpFixture]
public sealed class IntegrationRun
{
    public static string Directory { get; private set; } = "";

    public static string NuGetPackages => Path.Combine(Directory, "nuget-packages");

    [OneTimeSetUp]
    public void Start()
    {
        Assert.That(File.Exists(Repository.Package), $"{Repository.Package} is missing: run 'bash eng/test.sh', which packs it before testing.");
        Directory = Path.Combine(Path.GetTempPath(), "multistage-it", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);
        System.IO.Directory.CreateDirectory(NuGetPackages);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Files of a running test process may still be open; the folder is under /tmp.
        }
    }
}
