using System.Formats.Tar;
using System.Runtime.Versioning;
using System.Text;
using MultiStage.Sdk.Context;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Context;

/// <summary>The build context tar, written from a real directory tree and read back.</summary>
[TestFixture]
[Platform(Exclude = "Win", Reason = "Unix modes and symbolic links")]
[UnsupportedOSPlatform("windows")]
public class ContextArchiveTests
{
    private static readonly DateTimeOffset Modified = new(2021, 2, 3, 4, 5, 6, TimeSpan.Zero);

    private static readonly Dictionary<string, byte[]> Injected = new()
    {
        [".dockerignore"] = Encoding.UTF8.GetBytes("rendered ignore\n"),
        [".multistage.Dockerfile"] = Encoding.UTF8.GetBytes("FROM scratch\n"),
    };

    private string _root = "";

    // Where host files live: outside the context, as a publish output is.
    private string _host = "";

    [SetUp]
    public void CreateTree()
    {
        _root = Directory.CreateTempSubdirectory("context-").FullName;
        Write("app.txt", "hello", (UnixFileMode)0b110_100_000); // 0640
        Write("run.sh", "#!/bin/sh\n", (UnixFileMode)0b111_101_101); // 0755
        Write(".dockerignore", "the project's own", (UnixFileMode)0b110_100_100);
        Write("node_modules/lib/index.js", "module", (UnixFileMode)0b110_100_100);
        Write("logs/a.log", "noise", (UnixFileMode)0b110_100_100);
        Write("logs/keep.log", "kept", (UnixFileMode)0b110_000_000); // 0600
        Write("src/main.c", "int main;", (UnixFileMode)0b110_100_100);
        File.CreateSymbolicLink(Path.Combine(_root, "src/link"), "main.c");
        File.CreateSymbolicLink(Path.Combine(_root, "src/dirlink"), "../logs");
        File.CreateSymbolicLink(Path.Combine(_root, "src/dangling"), "nowhere");
        Directory.CreateDirectory(Path.Combine(_root, "empty"));
        File.SetUnixFileMode(Path.Combine(_root, "empty"), (UnixFileMode)0b111_000_000); // 0700
        _host = Directory.CreateTempSubdirectory("host-").FullName;
    }

    [TearDown]
    public void DeleteTree()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_host, recursive: true);
    }

    [Test]
    public async Task WritesTheContextInOrderWithoutExcludedPaths()
    {
        var (entries, stats) = await ArchiveAsync("node_modules\nlogs\n!logs/keep.log\n");

        Assert.That(entries.Select(entry => entry.Name), Is.EqualTo(new[]
        {
            ".dockerignore", ".multistage.Dockerfile", "app.txt", "empty/", "logs/", "logs/keep.log", "run.sh",
            "src/", "src/dangling", "src/dirlink", "src/link", "src/main.c",
        }));
        Assert.That(stats, Is.EqualTo(new ContextStats(6, 16 + 13 + 5 + 4 + 10 + 9)));
    }

    [Test]
    public async Task ShortAsciiNamesGetPlainUstarHeadersAndOthersPax()
    {
        // As the docker CLI sends them: 512-byte USTAR headers (times in whole seconds) where they can hold the entry.
        Write("é.txt", "unicode", (UnixFileMode)0b110_100_100);
        Write(new string('n', 120) + ".txt", "long", (UnixFileMode)0b110_100_100);
        File.SetLastWriteTimeUtc(Path.Combine(_root, "app.txt"), Modified.UtcDateTime.AddMilliseconds(250));
        using var buffer = new MemoryStream();
        await ContextArchive.WriteAsync(buffer, _root, DockerIgnore.Parse("", ".dockerignore"), Injected, [], CancellationToken.None);
        buffer.Position = 0;

        var formats = new Dictionary<string, TarEntryFormat>();
        using (var reader = new TarReader(buffer))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                formats[entry.Name] = entry.Format;
                if (entry.Name == "app.txt")
                {
                    Assert.That(entry.ModificationTime, Is.EqualTo(Modified));
                }
            }
        }

        Assert.That(formats["app.txt"], Is.EqualTo(TarEntryFormat.Ustar));
        Assert.That(formats["src/link"], Is.EqualTo(TarEntryFormat.Ustar));
        Assert.That(formats["é.txt"], Is.EqualTo(TarEntryFormat.Pax));
        Assert.That(formats[new string('n', 120) + ".txt"], Is.EqualTo(TarEntryFormat.Pax));
    }

    [Test]
    public async Task KeepsModesTimesAndTypes()
    {
        var (entries, _) = await ArchiveAsync("node_modules\nlogs\n!logs/keep.log\n");
        var byName = entries.ToDictionary(entry => entry.Name);

        Assert.Multiple(() =>
        {
            Assert.That(byName["app.txt"].Mode, Is.EqualTo((UnixFileMode)0b110_100_000));
            Assert.That(byName["run.sh"].Mode, Is.EqualTo((UnixFileMode)0b111_101_101));
            Assert.That(byName["logs/keep.log"].Mode, Is.EqualTo((UnixFileMode)0b110_000_000));
            Assert.That(byName["empty/"].Mode, Is.EqualTo((UnixFileMode)0b111_000_000));
            Assert.That(byName["empty/"].EntryType, Is.EqualTo(TarEntryType.Directory));
            Assert.That(byName["app.txt"].ModificationTime, Is.EqualTo(Modified));
            Assert.That(byName["app.txt"].EntryType, Is.EqualTo(TarEntryType.RegularFile));
            Assert.That(entries.Select(entry => (entry.Uid, entry.Gid)).Distinct(), Is.EqualTo(new[] { (0, 0) }));
        });
    }

    [Test]
    public async Task SymbolicLinksStayLinks()
    {
        var (entries, _) = await ArchiveAsync("");
        var byName = entries.ToDictionary(entry => entry.Name);

        Assert.Multiple(() =>
        {
            Assert.That(byName["src/link"].EntryType, Is.EqualTo(TarEntryType.SymbolicLink));
            Assert.That(byName["src/link"].LinkName, Is.EqualTo("main.c"));
            Assert.That(byName["src/dirlink"].EntryType, Is.EqualTo(TarEntryType.SymbolicLink));
            Assert.That(byName["src/dirlink"].LinkName, Is.EqualTo("../logs"));
            Assert.That(byName["src/dangling"].LinkName, Is.EqualTo("nowhere"));
            Assert.That(byName.Keys, Has.None.StartsWith("src/dirlink/"));
        });
    }

    [Test]
    public async Task InjectedFilesReplaceProjectFilesOfTheSameName()
    {
        var (entries, _) = await ArchiveAsync("");
        var dockerignores = entries.Where(entry => entry.Name == ".dockerignore").ToList();

        Assert.That(dockerignores, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(dockerignores[0].Content, Is.EqualTo("rendered ignore\n"));
            Assert.That(dockerignores[0].Mode, Is.EqualTo((UnixFileMode)0b110_100_100));
            Assert.That(entries.Single(entry => entry.Name == ".multistage.Dockerfile").Content, Is.EqualTo("FROM scratch\n"));
        });
    }

    [Test]
    public async Task InjectedFilesAreWrittenEvenWhenExcluded()
    {
        var (entries, _) = await ArchiveAsync(".*\n*Dockerfile");

        Assert.That(entries.Select(entry => entry.Name), Is.SupersetOf(Injected.Keys));
    }

    [Test]
    public async Task InjectedFilesMayLiveInDirectories()
    {
        Write(".multistage/Dockerfile", "the project's own", (UnixFileMode)0b110_100_100);
        Write(".multistage/notes.txt", "notes", (UnixFileMode)0b110_100_100);
        var injected = new Dictionary<string, byte[]>
        {
            [".multistage/feed/tool.nupkg"] = [1, 2, 3],
            [".multistage/Dockerfile"] = Encoding.UTF8.GetBytes("FROM scratch\n"),
        };

        using var buffer = new MemoryStream();
        var stats = await ContextArchive.WriteAsync(buffer, _root, DockerIgnore.Parse("*\n!.multistage", ".dockerignore"), injected, [], CancellationToken.None);
        buffer.Position = 0;
        var entries = ReadAll(buffer);

        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(entry => entry.Name), Is.EqualTo(new[]
            {
                ".multistage/", ".multistage/Dockerfile", ".multistage/feed/", ".multistage/feed/tool.nupkg", ".multistage/notes.txt",
            }));
            Assert.That(entries[1].Content, Is.EqualTo("FROM scratch\n"));
            Assert.That(entries[0].Mode, Is.EqualTo((UnixFileMode)0b111_101_101));
            Assert.That(stats, Is.EqualTo(new ContextStats(3, 3 + 13 + 5)));
        });
    }

    [TestCase("/abs")]
    [TestCase("../up")]
    [TestCase("a/./b")]
    [TestCase("dir/")]
    [TestCase("back\\slash")]
    [TestCase("")]
    [TestCase(".")]
    public void InjectedPathsMustBeCleanAndRelative(string path)
    {
        var injected = new Dictionary<string, byte[]> { [path] = [] };

        Assert.ThrowsAsync<ArgumentException>(() =>
            ContextArchive.WriteAsync(Stream.Null, _root, DockerIgnore.Empty, injected, [], CancellationToken.None));
    }

    [Test]
    public async Task AnExceptionReincludesAFileInsideAnExcludedDirectory()
    {
        var (entries, _) = await ArchiveAsync("logs\n!logs/keep.log\n");
        var byName = entries.ToDictionary(entry => entry.Name);

        Assert.Multiple(() =>
        {
            Assert.That(byName["logs/keep.log"].Content, Is.EqualTo("kept"));
            Assert.That(byName, Does.Not.ContainKey("logs/a.log"));
            Assert.That(byName["logs/"].EntryType, Is.EqualTo(TarEntryType.Directory), "the directory comes before what it holds");
        });
    }

    [Test]
    public async Task AnExcludedDirectoryWithoutExceptionsIsNotRead()
    {
        string excluded = Path.Combine(_root, "node_modules");
        string control = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"atime-{Guid.NewGuid():N}")).FullName;
        try
        {
            // A directory's access time moves when it is listed, unless the file system does not keep it.
            DateTime old = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            Directory.SetLastAccessTimeUtc(control, old);
            _ = Directory.GetFileSystemEntries(control);
            if (new DirectoryInfo(control).LastAccessTimeUtc == old)
            {
                Assert.Inconclusive("This file system does not record directory access times.");
            }

            Directory.SetLastAccessTimeUtc(excluded, old);
            var (entries, _) = await ArchiveAsync("node_modules\n!logs/keep.log\n");

            Assert.That(entries.Select(entry => entry.Name), Has.None.StartsWith("node_modules"));
            Assert.That(new DirectoryInfo(excluded).LastAccessTimeUtc, Is.EqualTo(old), "node_modules was listed");
        }
        finally
        {
            Directory.Delete(control);
        }
    }

    [Test]
    public async Task StreamsToADestinationThatCannotSeek()
    {
        using var buffer = new MemoryStream();
        await using (var destination = new ForwardOnlyStream(buffer))
        {
            await ContextArchive.WriteAsync(destination, _root, DockerIgnore.Empty, Injected, [], CancellationToken.None);
        }

        buffer.Position = 0;
        Assert.That(ReadAll(buffer).Select(entry => entry.Name), Does.Contain("node_modules/lib/index.js"));
    }

    [Test]
    public void AMissingContextDirectoryIsACodedError()
    {
        string missing = Path.Combine(_root, "nope");

        var error = Assert.ThrowsAsync<MultiStageException>(() =>
            ContextArchive.WriteAsync(Stream.Null, missing, DockerIgnore.Empty, Injected, [], CancellationToken.None))!;

        Assert.That(error.Diagnostic.Code, Is.EqualTo("MSTAGE1011"));
    }

    [Test]
    public void CancellationStopsTheWalk()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(
            () => ContextArchive.WriteAsync(Stream.Null, _root, DockerIgnore.Empty, Injected, [], cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task HostFilesLandAtTheirPathWithTheirModeTimeAndContent()
    {
        var later = Modified.AddDays(1).AddMilliseconds(250);
        var app = HostFile("publish/MyApp.dll", "the app", (UnixFileMode)0b111_101_000, later); // 0750
        var lib = HostFile("publish/Lib.dll", "a dependency", (UnixFileMode)0b110_000_000, Modified); // 0600
        var link = Path.Combine(_host, "publish/Linked.dll");
        File.CreateSymbolicLink(link, "Lib.dll");
        ContextFile[] files = [new("app/MyApp.dll", app), new("dependencies/Lib.dll", lib), new("dependencies/Linked.dll", link)];

        var (entries, stats) = await ArchiveAsync(null, files);
        var byName = entries.ToDictionary(entry => entry.Name);

        Assert.Multiple(() =>
        {
            Assert.That(byName["app/MyApp.dll"].Content, Is.EqualTo("the app"));
            Assert.That(byName["app/MyApp.dll"].Mode, Is.EqualTo((UnixFileMode)0b111_101_000));
            Assert.That(byName["app/MyApp.dll"].ModificationTime, Is.EqualTo(later.AddMilliseconds(-250)), "whole seconds, in a USTAR header");
            Assert.That(byName["dependencies/Lib.dll"].Mode, Is.EqualTo((UnixFileMode)0b110_000_000));
            Assert.That(byName["dependencies/Lib.dll"].ModificationTime, Is.EqualTo(Modified));
            Assert.That(byName["dependencies/Linked.dll"].EntryType, Is.EqualTo(TarEntryType.RegularFile), "a link is followed");
            Assert.That(byName["dependencies/Linked.dll"].Content, Is.EqualTo("a dependency"));
            Assert.That(byName["dependencies/Linked.dll"].Mode, Is.EqualTo((UnixFileMode)0b110_000_000), "the target's mode, not the link's 0777");
            Assert.That(entries.Where(entry => entry.Name.EndsWith(".dll")).Select(entry => entry.EntryType), Is.All.EqualTo(TarEntryType.RegularFile));
            Assert.That(entries.Select(entry => (entry.Uid, entry.Gid)).Distinct(), Is.EqualTo(new[] { (0, 0) }));
            Assert.That(stats, Is.EqualTo(new ContextStats(2 + 3, 16 + 13 + 7 + 12 + 12)));
        });
    }

    [Test]
    public async Task WithoutADirectoryTheContextIsTheInjectedAndHostFilesWhateverThePatterns()
    {
        ContextFile[] files = [new("dependencies/Lib.dll", HostFile("Lib.dll", "lib")), new("app/MyApp.dll", HostFile("MyApp.dll", "app"))];
        using var buffer = new MemoryStream();

        var stats = await ContextArchive.WriteAsync(buffer, null, DockerIgnore.Parse("*\n", ".dockerignore"), Injected, files, CancellationToken.None);
        buffer.Position = 0;

        Assert.That(ReadAll(buffer).Select(entry => entry.Name), Is.EqualTo(new[]
        {
            ".dockerignore", ".multistage.Dockerfile", "app/", "app/MyApp.dll", "dependencies/", "dependencies/Lib.dll",
        }));
        Assert.That(stats, Is.EqualTo(new ContextStats(4, 16 + 13 + 3 + 3)));
    }

    [Test]
    public async Task HostAndInjectedFilesShareTheirDirectoriesWrittenOnceBeforeWhatTheyHold()
    {
        Write(".multistage/notes.txt", "notes", (UnixFileMode)0b110_100_100);
        var injected = new Dictionary<string, byte[]> { [".multistage/Dockerfile"] = [1], [".multistage/feed/tool.nupkg"] = [2] };
        ContextFile[] files =
        [
            new(".multistage/packages/b.1.0.0.nupkg", HostFile("b.nupkg", "b")),
            new(".multistage/packages/a.1.0.0.nupkg", HostFile("a.nupkg", "a")),
            new(".multistage/feed/other.nupkg", HostFile("other.nupkg", "o")),
        ];
        using var buffer = new MemoryStream();

        await ContextArchive.WriteAsync(buffer, _root, DockerIgnore.Parse("*\n!.multistage", ".dockerignore"), injected, files, CancellationToken.None);
        buffer.Position = 0;
        var entries = ReadAll(buffer);

        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(entry => entry.Name), Is.EqualTo(new[]
            {
                ".multistage/", ".multistage/Dockerfile", ".multistage/feed/", ".multistage/feed/other.nupkg", ".multistage/feed/tool.nupkg",
                ".multistage/packages/", ".multistage/packages/a.1.0.0.nupkg", ".multistage/packages/b.1.0.0.nupkg", ".multistage/notes.txt",
            }));
            var directories = entries.Where(entry => entry.EntryType == TarEntryType.Directory).ToList();
            Assert.That(directories.Select(entry => entry.Mode), Is.All.EqualTo((UnixFileMode)0b111_101_101));
            Assert.That(directories.Select(entry => entry.ModificationTime), Is.All.EqualTo(DateTimeOffset.UnixEpoch));
        });
    }

    [Test]
    public async Task AHostFileReplacesTheProjectFileOfTheSamePath()
    {
        var (entries, stats) = await ArchiveAsync(_root, [new("app.txt", HostFile("built.txt", "from elsewhere"))]);

        var apps = entries.Where(entry => entry.Name == "app.txt").ToList();
        Assert.That(apps, Has.Count.EqualTo(1));
        Assert.That(apps[0].Content, Is.EqualTo("from elsewhere"));
        Assert.That(stats.Files, Is.EqualTo(2 + 5 + 1), "two injected, five of the tree, one _host file: the tree's app.txt is not counted");
    }

    [Test]
    public async Task AHostPathTooLongForUstarIsPax()
    {
        var name = "app/" + new string('n', 120) + ".dll";
        using var buffer = new MemoryStream();
        await ContextArchive.WriteAsync(buffer, null, DockerIgnore.Empty, Injected, [new(name, HostFile("long.dll", "long")), new("app/short.dll", HostFile("short.dll", "short"))], CancellationToken.None);
        buffer.Position = 0;

        var formats = new Dictionary<string, TarEntryFormat>();
        using (var reader = new TarReader(buffer))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                formats[entry.Name] = entry.Format;
            }
        }

        Assert.That(formats[name], Is.EqualTo(TarEntryFormat.Pax));
        Assert.That(formats["app/short.dll"], Is.EqualTo(TarEntryFormat.Ustar));
    }

    [TestCase("/abs")]
    [TestCase("../up")]
    [TestCase("a/./b")]
    [TestCase("dir/")]
    [TestCase("back\\slash")]
    [TestCase("")]
    [TestCase(".")]
    public void HostPathsMustBeCleanAndRelative(string path)
    {
        ContextFile[] files = [new(path, HostFile("a.dll", "a"))];

        Assert.ThrowsAsync<ArgumentException>(() =>
            ContextArchive.WriteAsync(Stream.Null, _root, DockerIgnore.Empty, Injected, files, CancellationToken.None));
    }

    [TestCase("app/a.dll", "app/a.dll", TestName = "A host path given twice")]
    [TestCase("app/a.dll", ".dockerignore", TestName = "A host path that is also injected")]
    [TestCase("app/a.dll", "app", TestName = "A host path that is another's directory")]
    [TestCase(".dockerignore/a.dll", "app", TestName = "A host path under an injected file")]
    public void AContextPathIsOneFile(string first, string second)
    {
        var source = HostFile("a.dll", "a");
        ContextFile[] files = [new(first, source), new(second, source)];

        Assert.ThrowsAsync<ArgumentException>(() =>
            ContextArchive.WriteAsync(Stream.Null, null, DockerIgnore.Empty, Injected, files, CancellationToken.None));
    }

    [Test]
    public void AMissingHostFileIsACodedError()
    {
        var missing = Path.Combine(_host, "gone.dll");
        File.CreateSymbolicLink(Path.Combine(_host, "dangling.dll"), "gone.dll");

        Assert.Multiple(() =>
        {
            foreach (var source in new[] { missing, Path.Combine(_host, "dangling.dll"), _host })
            {
                ContextFile[] files = [new("app/gone.dll", source)];
                var written = Assert.ThrowsAsync<MultiStageException>(() =>
                    ContextArchive.WriteAsync(Stream.Null, null, DockerIgnore.Empty, Injected, files, CancellationToken.None))!;
                var listed = Assert.ThrowsAsync<MultiStageException>(() =>
                    ContextArchive.FingerprintAsync(null, DockerIgnore.Empty, Injected, files, CancellationToken.None))!;

                Assert.That(written.Diagnostic.Code, Is.EqualTo("MSTAGE1012"), source);
                Assert.That(written.Message, Does.Contain($"'{source}'").And.Contain("'app/gone.dll'"));
                Assert.That(listed.Diagnostic.Code, Is.EqualTo("MSTAGE1012"), source);
            }
        });
    }

    [Test]
    public void AnUnreadableHostFileIsACodedError()
    {
        var source = HostFile("secret.dll", "secret", (UnixFileMode)0);
        try
        {
            File.OpenRead(source).Dispose();
            Assert.Inconclusive("This user reads files whatever their mode (_root).");
        }
        catch (UnauthorizedAccessException)
        {
        }

        var error = Assert.ThrowsAsync<MultiStageException>(() =>
            ContextArchive.WriteAsync(Stream.Null, null, DockerIgnore.Empty, Injected, [new("app/secret.dll", source)], CancellationToken.None))!;

        Assert.That(error.Diagnostic.Code, Is.EqualTo("MSTAGE1012"));
    }

    [Test]
    public async Task TheFingerprintFollowsAHostFilesContentNotItsTime()
    {
        // A publish rewrites deps.json and runtimeconfig.json with the same content on every run.
        var source = HostFile("MyApp.deps.json", "version 1");
        ContextFile[] files = [new("app/MyApp.deps.json", source)];
        Task<string> Fingerprint() => ContextArchive.FingerprintAsync(_root, DockerIgnore.Empty, Injected, files, CancellationToken.None);
        var before = await Fingerprint();

        File.WriteAllText(source, "version 1");
        File.SetLastWriteTimeUtc(source, Modified.UtcDateTime.AddHours(1));
        var rewritten = await Fingerprint();
        File.WriteAllText(source, "version 2");
        File.SetLastWriteTimeUtc(source, Modified.UtcDateTime.AddHours(1));
        var sameLengthAndTime = await Fingerprint();
        var withoutHostFiles = await ContextArchive.FingerprintAsync(_root, DockerIgnore.Empty, Injected, [], CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(rewritten, Is.EqualTo(before), "the same content written again");
            Assert.That(sameLengthAndTime, Is.Not.EqualTo(rewritten), "another content of the same length and time");
            Assert.That(withoutHostFiles, Is.Not.EqualTo(before));
        });
    }

    [Test]
    public async Task ManyHostFilesAreWrittenInOrder()
    {
        // A publish output: hundreds of files, given in no particular order.
        var files = Enumerable.Range(0, 600).Reverse()
            .Select(i => new ContextFile($"dependencies/runtimes/r{i % 7}/lib{i:D3}.dll", HostFile($"lib{i:D3}.dll", "x")))
            .ToList();
        using var buffer = new MemoryStream();

        var stats = await ContextArchive.WriteAsync(buffer, null, DockerIgnore.Empty, Injected, files, CancellationToken.None);
        buffer.Position = 0;
        var names = ReadAll(buffer).Select(entry => entry.Name).ToList();

        Assert.That(names, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(names.Count(name => name.EndsWith('/')), Is.EqualTo(2 + 7));
        Assert.That(stats.Files, Is.EqualTo(2 + 600));
    }

    private string HostFile(string relativePath, string content, UnixFileMode mode = (UnixFileMode)0b110_100_100, DateTimeOffset? modified = null)
    {
        string path = Path.Combine(_host, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        File.SetLastWriteTimeUtc(path, (modified ?? Modified).UtcDateTime);
        return path;
    }

    private void Write(string relativePath, string content, UnixFileMode mode)
    {
        string path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        File.SetLastWriteTimeUtc(path, Modified.UtcDateTime);
    }

    private async Task<(List<Entry> Entries, ContextStats Stats)> ArchiveAsync(string? directory, IReadOnlyList<ContextFile> hostFiles)
    {
        using var buffer = new MemoryStream();
        var stats = await ContextArchive.WriteAsync(buffer, directory, DockerIgnore.Empty, Injected, hostFiles, CancellationToken.None);
        buffer.Position = 0;
        return (ReadAll(buffer), stats);
    }

    private async Task<(List<Entry> Entries, ContextStats Stats)> ArchiveAsync(string dockerignore)
    {
        using var buffer = new MemoryStream();
        var stats = await ContextArchive.WriteAsync(buffer, _root, DockerIgnore.Parse(dockerignore, ".dockerignore"), Injected, [], CancellationToken.None);
        buffer.Position = 0;
        return (ReadAll(buffer), stats);
    }

    private static List<Entry> ReadAll(Stream tar)
    {
        var entries = new List<Entry>();
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            string? content = entry.DataStream is null ? null : new StreamReader(entry.DataStream).ReadToEnd();
            entries.Add(new Entry(entry.Name, entry.EntryType, entry.Mode, entry.ModificationTime, entry.LinkName, entry.Uid, entry.Gid, content));
        }

        return entries;
    }

    private sealed record Entry(
        string Name, TarEntryType EntryType, UnixFileMode Mode, DateTimeOffset ModificationTime, string LinkName, int Uid, int Gid, string? Content);

    // A destination like a request body: written once, front to back.
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
