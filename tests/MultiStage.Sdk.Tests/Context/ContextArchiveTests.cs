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

    private string root = "";

    [SetUp]
    public void CreateTree()
    {
        root = Directory.CreateTempSubdirectory("context-").FullName;
        Write("app.txt", "hello", (UnixFileMode)0b110_100_000); // 0640
        Write("run.sh", "#!/bin/sh\n", (UnixFileMode)0b111_101_101); // 0755
        Write(".dockerignore", "the project's own", (UnixFileMode)0b110_100_100);
        Write("node_modules/lib/index.js", "module", (UnixFileMode)0b110_100_100);
        Write("logs/a.log", "noise", (UnixFileMode)0b110_100_100);
        Write("logs/keep.log", "kept", (UnixFileMode)0b110_000_000); // 0600
        Write("src/main.c", "int main;", (UnixFileMode)0b110_100_100);
        File.CreateSymbolicLink(Path.Combine(root, "src/link"), "main.c");
        File.CreateSymbolicLink(Path.Combine(root, "src/dirlink"), "../logs");
        File.CreateSymbolicLink(Path.Combine(root, "src/dangling"), "nowhere");
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        File.SetUnixFileMode(Path.Combine(root, "empty"), (UnixFileMode)0b111_000_000); // 0700
    }

    [TearDown]
    public void DeleteTree() => Directory.Delete(root, recursive: true);

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
        File.SetLastWriteTimeUtc(Path.Combine(root, "app.txt"), Modified.UtcDateTime.AddMilliseconds(250));
        using var buffer = new MemoryStream();
        await ContextArchive.WriteAsync(buffer, root, DockerIgnore.Parse("", ".dockerignore"), Injected, CancellationToken.None);
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
        var stats = await ContextArchive.WriteAsync(buffer, root, DockerIgnore.Parse("*\n!.multistage", ".dockerignore"), injected, CancellationToken.None);
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
            ContextArchive.WriteAsync(Stream.Null, root, DockerIgnore.Empty, injected, CancellationToken.None));
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
        string excluded = Path.Combine(root, "node_modules");
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
            await ContextArchive.WriteAsync(destination, root, DockerIgnore.Empty, Injected, CancellationToken.None);
        }

        buffer.Position = 0;
        Assert.That(ReadAll(buffer).Select(entry => entry.Name), Does.Contain("node_modules/lib/index.js"));
    }

    [Test]
    public void AMissingContextDirectoryIsACodedError()
    {
        string missing = Path.Combine(root, "nope");

        var error = Assert.ThrowsAsync<MultiStageException>(() =>
            ContextArchive.WriteAsync(Stream.Null, missing, DockerIgnore.Empty, Injected, CancellationToken.None))!;

        Assert.That(error.Diagnostic.Code, Is.EqualTo("MSTAGE1011"));
    }

    [Test]
    public void CancellationStopsTheWalk()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(
            () => ContextArchive.WriteAsync(Stream.Null, root, DockerIgnore.Empty, Injected, cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    private void Write(string relativePath, string content, UnixFileMode mode)
    {
        string path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        File.SetLastWriteTimeUtc(path, Modified.UtcDateTime);
    }

    private async Task<(List<Entry> Entries, ContextStats Stats)> ArchiveAsync(string dockerignore)
    {
        using var buffer = new MemoryStream();
        var stats = await ContextArchive.WriteAsync(buffer, root, DockerIgnore.Parse(dockerignore, ".dockerignore"), Injected, CancellationToken.None);
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
