using System.Text.RegularExpressions;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>What a <c>dotnet publish</c> printed, and the outputs the test project's probe target echoed.</summary>
internal sealed partial record PublishResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public string[] Lines => Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>Gets ContainerImageSize as MSBuild set it, echoed by the probe target.</summary>
    public long ImageSize => long.Parse(Probe("ContainerImageSize"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Gets ContainerImageId as MSBuild set it.</summary>
    public string ImageId => Probe("ContainerImageId");

    /// <summary>Gets ContainerRepository as the build saw it (the package's default unless set).</summary>
    public string Repository => Probe("ContainerRepository");

    private string Probe(string name)
    {
        var match = Regex.Match(Output, $@"PROBE {name}=(\S*)");
        Assert.That(match.Success, $"The probe did not print {name}:\n{Output}");
        return match.Groups[1].Value;
    }

    public override string ToString() => $"exit {ExitCode}\n{Output}";
}
