namespace MultiStage.Sdk.Tests;

/// <summary>A throw-away project folder on disk, deleted when disposed.</summary>
internal sealed class TempProject : IDisposable
{
    public TempProject(string projectFileName = "MyApp.csproj")
    {
        Directory = Path.Combine(Path.GetTempPath(), "multistage-unit", Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        ProjectFile = Write(projectFileName, "<Project Sdk=\"Microsoft.NET.Sdk\" />");
    }

    public string Directory { get; }

    public string ProjectFile { get; }

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
