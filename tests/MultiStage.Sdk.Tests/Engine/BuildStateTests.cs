using MultiStage.Sdk.Engine;

namespace MultiStage.Sdk.Tests.Engine;

/// <summary>The fingerprint that lets an unchanged publish skip the image build: it moves with every input that decides the image, and only with those.</summary>
public class BuildStateTests
{
    private static BuildRequest Request(TempProject project) => new()
    {
        Builder = "buildkit",
        DockerfilePath = project.Write("obj/multistage/Dockerfile", "FROM scratch\nCOPY . /\n"),
        DockerIgnorePath = project.Write("obj/multistage/.dockerignore", "obj\nignored.txt\n"),
        ContextDirectory = project.Directory,
        Tags = ["app:latest"],
    };

    private static Task<string> Fingerprint(BuildRequest request) => BuildState.FingerprintAsync(request, CancellationToken.None);

    [Test]
    public async Task Unchanged_inputs_give_the_same_fingerprint_and_an_ignored_file_changes_nothing()
    {
        using var project = new TempProject();
        project.Write("Program.cs", "one");
        var request = Request(project);
        var first = await Fingerprint(request);
        await Task.Delay(1100); // a tar header's times are in seconds: a second later, nothing may differ
        Assert.That(await Fingerprint(request), Is.EqualTo(first), "the fingerprint depends on the time it is taken");

        project.Write("ignored.txt", "anything");
        project.Write("obj/Debug/x.dll", "anything");

        Assert.That(await Fingerprint(request), Is.EqualTo(first));
    }

    [Test]
    public async Task A_source_edit_the_dockerfile_the_tags_the_target_a_build_arg_or_the_builder_change_it()
    {
        using var project = new TempProject();
        var source = project.Write("Program.cs", "one");
        var request = Request(project);
        var first = await Fingerprint(request);

        File.SetLastWriteTimeUtc(source, File.GetLastWriteTimeUtc(source).AddSeconds(1));
        var touched = await Fingerprint(request);
        project.Write("New.cs", "");
        var added = await Fingerprint(request);
        File.AppendAllText(request.DockerfilePath, "ENV A=1\n");
        var dockerfile = await Fingerprint(request);

        var all = new[]
        {
            first, touched, added, dockerfile,
            await Fingerprint(request with { Tags = ["app:v2"] }),
            await Fingerprint(request with { Target = "builder" }),
            await Fingerprint(request with { BuildArgs = new Dictionary<string, string> { ["A"] = "1" } }),
            await Fingerprint(request with { Builder = "classic" }),
        };

        Assert.That(all.Distinct().Count(), Is.EqualTo(all.Length), string.Join("\n", all));
    }

    [Test]
    public void The_state_round_trips_and_a_broken_file_reads_as_none()
    {
        using var project = new TempProject();
        var path = Path.Combine(project.Directory, "build-state.json");
        new BuildState("abc", "sha256:def").Write(path);
        Assert.That(BuildState.Read(path), Is.EqualTo(new BuildState("abc", "sha256:def")));

        File.WriteAllText(path, "{ not json");
        Assert.That(BuildState.Read(path), Is.Null);
        Assert.That(BuildState.Read(Path.Combine(project.Directory, "none.json")), Is.Null);
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "Unix modes")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_context_fingerprint_is_the_same_in_every_process()
    {
        // A fixed tree gives a fixed value: nothing of the process (its id, the time) may enter the fingerprint.
        using var project = new TempProject();
        var file = project.Write("src/a.txt", "a");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(Path.GetDirectoryName(file)!, (UnixFileMode)0b111_101_101);
        File.SetLastWriteTimeUtc(file, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        Directory.SetLastWriteTimeUtc(Path.GetDirectoryName(file)!, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        File.Delete(project.ProjectFile);
        var injected = new Dictionary<string, byte[]> { [".multistage/Dockerfile"] = "FROM scratch\n"u8.ToArray() };

        var fingerprint = await Sdk.Context.ContextArchive.FingerprintAsync(project.Directory, Sdk.Context.DockerIgnore.Parse("", "x"), injected, [], CancellationToken.None);

        Assert.That(fingerprint, Is.EqualTo(Golden));
    }

    private const string Golden = "c6e632d0b66983bc028ea637dedd19ce1bec5b8dc40144357e9a397b24f917ba";
}
