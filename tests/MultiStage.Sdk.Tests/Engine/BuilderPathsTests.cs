using Docker.DotNet.Models;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Engine;

public class BuilderPathsTests
{
    [Test]
    public void A_compiler_error_in_the_builder_is_re_emitted_once_at_the_hosts_file()
    {
        var log = new RecordingLog();
        var progress = new BuildProgress(log, new BuilderPaths("/src", "/home/me/shop"));
        var line = "/src/Lib/Foo.cs(12,5): error CS1002: ; expected [/src/Lib/Lib.csproj]\n";
        progress.Report(new JSONMessage { Stream = "    " + line });
        progress.Report(new JSONMessage { Stream = line });
        progress.Report(new JSONMessage { Stream = "/src/Lib/Foo.cs(13,1): warning CS0168: unused [/src/Lib/Lib.csproj]\n" });
        progress.Report(new JSONMessage { Stream = "/usr/share/dotnet/sdk/x.targets(1,1): error NETSDK1004: assets missing\n" });

        Assert.That(log.Errors, Is.EqualTo(new[] { new Diagnostic("CS1002", "; expected", "/home/me/shop/Lib/Foo.cs", 12, 5) }));
    }

    [Test]
    public void Without_a_source_root_nothing_is_re_emitted()
    {
        var log = new RecordingLog();
        var progress = new BuildProgress(log);
        progress.Report(new JSONMessage { Stream = "/src/Foo.cs(1,1): error CS1002: ; expected\n" });
        Assert.That(log.Errors, Is.Empty);
    }
}
