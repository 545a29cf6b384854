using MultiStage.Sdk.Context;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

// The optional package is put in the context as .multistage/packages/, as a publish in source mode carries it there.
if (args is not ["send-context", var context, var dockerfile, var dockerignore, var tag, ..] || args.Length > 6)
{
    Console.Error.WriteLine("usage: send-context <contextDir> <dockerfile> <dockerignore> <tag> [<MultiStage.Sdk .nupkg>]");
    return 2;
}
var toolPackage = args.Length == 6 ? args[5] : null;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Let the build remove its intermediate containers, as a canceled publish does.
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    using var engine = await DockerEngine.ConnectAsync(null, cancel.Token);
    var request = new BuildRequest
    {
        DockerfilePath = dockerfile,
        DockerIgnorePath = dockerignore,
        ContextDirectory = context,
        Tags = [tag],
        // This machine's engine has no bridge network (eng/engine.sh): as the publishes, builds use the host's.
        Network = "host",
        // Part 2 compares with DOCKER_BUILDKIT=0 docker build: the same builder.
        Builder = Builders.Classic,
        HostFiles = toolPackage is null ? [] : [new ContextFile($"{ContextLayout.CarriedPackages}/{Path.GetFileName(toolPackage).ToLowerInvariant()}", toolPackage)],
    };
    var result = await ImageBuild.RunAsync(engine, request, new ConsoleLog(), cancel.Token);

    // Exact numbers for the script; the library's line above rounds them.
    Console.WriteLine($"sent {result.Context.Files} files {result.Context.Bytes} bytes, image {result.ImageId}");
    return 0;
}
catch (MultiStageException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

/// <summary>Summaries and diagnostics only: the step-by-step output is dropped, as <c>docker build -q</c> drops it.</summary>
internal sealed class ConsoleLog : IBuildLog
{
    public void Progress(string line)
    {
    }

    public void Summary(string line) => Console.WriteLine(line);

    public void Warning(Diagnostic diagnostic) => Console.Error.WriteLine($"warning {diagnostic.Code}: {diagnostic.Message}");

    public void Error(Diagnostic diagnostic) => Console.Error.WriteLine($"error {diagnostic.Code}: {diagnostic.Message}");
}
