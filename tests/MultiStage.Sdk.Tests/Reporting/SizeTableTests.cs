using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Reporting;

public class SizeTableTests
{
    [Test]
    public void The_base_image_is_the_first_row_and_runs_of_metadata_layers_are_folded()
    {
        var expected = """
            dotnet-web:latest is 229 MB: 229 MB from its base image, 29.4 kB added by this build in 4 layers
                 SIZE                        LAYER
               229 MB  ████████████████████  FROM mcr.microsoft.com/dotnet/aspnet:10.0 (base image)
                  0 B                        2 metadata layers: WORKDIR /app; EXPOSE 8080
              29.4 kB  ▏                     COPY dir:aaaaaaaaaaaa… in .
                  0 B                        USER 1654
            """;

        Assert.That(string.Join("\n", SizeTable.Format(SampleReports.Web)), Is.EqualTo(expected));
    }

    [Test]
    public void Bars_are_scaled_to_the_largest_row_in_eighths()
    {
        var expected = """
            tool:1 is 5.00 MB: 0 B from its base image, 5.00 MB added by this build in 2 layers
                 SIZE                        LAYER
                  0 B                        FROM scratch (base image)
              4.00 MB  ████████████████████  COPY file:abc in /tool
              1.00 MB  █████                 RUN make; echo '$(done)' 100%
            """;

        Assert.That(string.Join("\n", SizeTable.Format(SampleReports.Scratch)), Is.EqualTo(expected));
        Assert.That(SizeTable.Bar(3, 8), Is.EqualTo("███████▌            "));
    }

    [Test]
    public void Without_a_known_base_there_are_only_the_layers()
    {
        var report = SampleReports.Scratch with { BaseImage = null, BaseSize = null };

        Assert.That(SizeTable.Format(report)[0], Is.EqualTo("tool:1 is 5.00 MB in 2 layers"));
        Assert.That(SizeTable.Format(report), Has.Count.EqualTo(4));
    }

    [Test]
    public void A_long_instruction_is_cut_to_one_line()
    {
        var shortened = SizeTable.Shorten("RUN apt-get update \\\n    && apt-get install -y " + string.Join(" ", Enumerable.Repeat("package", 20)));

        Assert.That(shortened, Has.Length.EqualTo(SizeTable.InstructionWidth));
        Assert.That(shortened, Does.StartWith("RUN apt-get update \\ && apt-get install -y package").And.EndWith("…"));
    }
}
