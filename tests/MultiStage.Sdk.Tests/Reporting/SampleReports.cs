using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Reporting;

/// <summary>Reports shaped like the web sample's, for the tests of what is made of them.</summary>
internal static class SampleReports
{
    /// <summary>An aspnet base, metadata layers around one app layer, and an sdk builder stage.</summary>
    public static SizeReport Web { get; } = new()
    {
        Project = "dotnet-web",
        Image = "dotnet-web:latest",
        Tags = ["dotnet-web:latest", "dotnet-web:1.0"],
        ImageId = "sha256:38e2b66ebaa2",
        Size = 229_143_610,
        BaseImage = "mcr.microsoft.com/dotnet/aspnet:10.0",
        BaseImageId = "sha256:6e8efd17b41f",
        BaseSize = 229_114_199,
        BuilderStage = "builder",
        BuilderSize = 770_000_000,
        Layers =
        [
            new(1, "sha256:7ac7", 0, "WORKDIR /app"),
            new(2, "sha256:df65", 0, "EXPOSE 8080"),
            new(3, "sha256:c5c4", 29_411, $"COPY dir:{new string('a', 64)} in ."),
            new(4, "sha256:adb6", 0, "USER 1654"),
        ],
        CachedSteps = [1, 2, 3],
    };

    /// <summary>A single-stage image from scratch whose layers are larger than its base.</summary>
    public static SizeReport Scratch { get; } = new()
    {
        Project = "tool",
        Image = "tool:1",
        Tags = ["tool:1"],
        ImageId = "sha256:1",
        Size = 5_000_000,
        BaseImage = "scratch",
        BaseSize = 0,
        Layers = [new(1, null, 4_000_000, "COPY file:abc in /tool"), new(2, "sha256:2", 1_000_000, "RUN make; echo '$(done)' 100%")],
    };
}
