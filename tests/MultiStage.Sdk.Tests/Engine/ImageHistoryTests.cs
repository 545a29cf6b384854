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

    [Test]
    public void Podmans_entries_get_no_ids_because_it_puts_them_on_the_wrong_entries()
    {
        // go-web's final image on Podman 4.3.1, as its /images/{name}/history answered: d8cee89d6886 is the base image's id.
        IList<ImageHistoryResponse> history =
        [
            new() { ID = "e22ef6551d007d30940347753cb40b99214584d8d7278a2651e6e9dc167998dd", Size = 0, CreatedBy = "/bin/sh -c #(nop) ENTRYPOINT [\"/app/server\"]" },
            new() { ID = "<missing>", Size = 0, CreatedBy = "/bin/sh -c #(nop) LABEL org.opencontainers.image.title=\"go-web\"" },
            new() { ID = "<missing>", Size = 0, CreatedBy = "/bin/sh -c #(nop) USER 65532:65532" },
            new() { ID = "<missing>", Size = 4_491_264, CreatedBy = "/bin/sh -c #(nop) COPY file:bf4a3d5f851dec122996bcad5022438c15db917c878429a52b6c7e3538e3f53e in ./server " },
            new() { ID = "d8cee89d6886a24f6cf329f7f96fbc53a9ffd30d86598db7d0340373bb8f2032", Size = 0, CreatedBy = "/bin/sh -c #(nop) EXPOSE 8080" },
            new() { ID = "<missing>", Size = 0, CreatedBy = "/bin/sh -c #(nop) WORKDIR /app" },
            new() { ID = "<missing>", Size = 0, CreatedBy = "/bin/sh -c #(nop)  LABEL org.multistage.standin=true" },
            new() { ID = "<missing>", Size = 2_466_304, CreatedBy = "/bin/sh -c #(nop) COPY dir:af10b4267545496dae48f4438ab5044102037929068 in / " },
        ];

        var layers = ImageHistory.AddedLayers(history, baseEntries: 2, EngineKind.Podman);

        Assert.That(layers.Select(l => l.Instruction), Is.EqualTo(new[]
        {
            "WORKDIR /app", "EXPOSE 8080", "COPY file:bf4a3d5f851dec122996bcad5022438c15db917c878429a52b6c7e3538e3f53e in ./server",
            "USER 65532:65532", "LABEL org.opencontainers.image.title=\"go-web\"", "ENTRYPOINT [\"/app/server\"]",
        }));
        Assert.That(layers.Select(l => l.Id), Is.All.Null);
        Assert.That(layers.Sum(l => l.Size), Is.EqualTo(4_491_264));
    }

    [TestCase("/bin/sh -c #(nop)  ENV A=1", "ENV A=1")]
    [TestCase("/bin/sh -c #(nop) WORKDIR /app", "WORKDIR /app")]
    [TestCase("/bin/sh -c dotnet restore \"a.csproj\"", "RUN dotnet restore \"a.csproj\"")]
    [TestCase("|2 A=1 B=two /bin/sh -c make", "RUN make")]
    [TestCase("RUN /bin/sh -c make # buildkit", "RUN make")]
    [TestCase("RUN |1 NPM_TOKEN=x /bin/sh -c npm ci # buildkit", "RUN npm ci")]
    [TestCase("COPY app/ . # buildkit", "COPY app/ .")]
    [TestCase("EXPOSE map[8080/tcp:{} 53/udp:{}]", "EXPOSE 8080 53/udp")]
    [TestCase(null, "")]
    public void An_instruction_reads_as_the_dockerfile_wrote_it(string? createdBy, string instruction) =>
        Assert.That(ImageHistory.Instruction(createdBy), Is.EqualTo(instruction));
}
