using Docker.DotNet.Models;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Engine;

public class ImageHistoryTests
{
    [Test]
    public void The_added_layers_are_the_entries_above_the_base_images_in_build_order()
    {
        // Newest first, as the engine lists a history: two entries of this build over a base of two.
        IList<ImageHistoryResponse> history =
        [
            new() { ID = "sha256:4", Size = 0, CreatedBy = "/bin/sh -c #(nop)  ENTRYPOINT [\"dotnet\" \"app.dll\"]" },
            new() { ID = "sha256:3", Size = 29_400, CreatedBy = "/bin/sh -c #(nop) COPY dir:426becd81db758578 in /app " },
            new() { ID = "<missing>", Size = 27_000_000, CreatedBy = "/bin/sh -c #(nop) COPY dir:537d in /usr/share/dotnet" },
            new() { ID = "<missing>", Size = 119_000_000, CreatedBy = "" },
        ];

        Assert.That(ImageHistory.AddedLayers(history, baseEntries: 2), Is.EqualTo(new[]
        {
            new ImageLayer(1, "sha256:3", 29_400, "COPY dir:426becd81db758578 in /app"),
            new ImageLayer(2, "sha256:4", 0, "ENTRYPOINT [\"dotnet\" \"app.dll\"]"),
        }));
        Assert.That(ImageHistory.AddedLayers(history, baseEntries: 0).Select(l => l.Id), Is.EqualTo(new string?[] { null, null, "sha256:3", "sha256:4" }));
    }

    [TestCase("/bin/sh -c #(nop)  ENV A=1", "ENV A=1")]
    [TestCase("/bin/sh -c #(nop) WORKDIR /app", "WORKDIR /app")]
    [TestCase("/bin/sh -c dotnet restore \"a.csproj\"", "RUN dotnet restore \"a.csproj\"")]
    [TestCase("|2 A=1 B=two /bin/sh -c make", "RUN make")]
    [TestCase("RUN /bin/sh -c make # buildkit", "RUN /bin/sh -c make # buildkit")]
    [TestCase(null, "")]
    public void An_instruction_reads_as_the_dockerfile_wrote_it(string? createdBy, string instruction) =>
        Assert.That(ImageHistory.Instruction(createdBy), Is.EqualTo(instruction));
}
