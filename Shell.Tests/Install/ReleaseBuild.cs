using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace Menshen.Shell.Tests.Install;

[CollectionDefinition(Name)]
public sealed class SharedReleaseBuild : ICollectionFixture<ReleaseBuild>
{
    public const string Name = "release build";
}

/// `make dist` run once (a Native AOT build) and its output laid out as GitHub serves a release,
/// on a loopback HTTP server: `releases/download/v1.2.3/` and `releases/latest/download/` hold the
/// real archive and SHA256SUMS; `v6.6.6` holds a tampered archive under that same genuine checksum.
public sealed class ReleaseBuild : IAsyncLifetime
{
    public const string Version = "1.2.3";
    public const string TamperedVersion = "6.6.6";

    /// make's VERSION, COMMIT and BUILD_TIME for every build here: with the same stamp (and
    /// sources), `make pack` and later runs reuse `make dist`'s Native AOT compilation.
    public static readonly string[] Stamp =
        [$"VERSION={Version}", "COMMIT=test", "BUILD_TIME=2026-01-01T00:00:00Z"];

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("menshen-release-");
    private StaticServer? _server;

    public static string Platform =>
        "linux_" + (RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "x86_64");

    public static string ArchiveOf(string version) => $"ai-menshen_{version}_{Platform}.tar.gz";

    /// Where `make dist` wrote the archive and SHA256SUMS.
    public string Dist => Path.Combine(_root.FullName, "dist");

    /// The folder the server serves; install.sh is at its top, as on raw.githubusercontent.com.
    public string Site => Path.Combine(_root.FullName, "site");

    public string ServerUrl => _server!.BaseUrl;

    /// What install.sh calls the base URL: GitHub's `…/releases`.
    public string BaseUrl => ServerUrl + "/releases";

    /// A fresh temp folder for one test (a HOME, a prefix), removed with the fixture.
    public string NewTempDir(string name)
    {
        var unique = name + "-" + Guid.NewGuid().ToString("N")[..8];
        return Directory.CreateDirectory(Path.Combine(_root.FullName, "runs", unique)).FullName;
    }

    public async Task InitializeAsync()
    {
        // A hang guard, not a speed limit: on a crowded 2-core machine this AOT build took 14 min.
        var make = await ProcessRun.Of("make", ["dist", .. Stamp, $"DIST={Dist}"],
            timeout: TimeSpan.FromMinutes(45));
        if (make.ExitCode != 0) throw new InvalidOperationException("make dist failed\n" + make);

        var releases = Path.Combine(Site, "releases");
        foreach (var folder in (string[])["download/v" + Version, "latest/download"])
        {
            var target = Directory.CreateDirectory(Path.Combine(releases, folder)).FullName;
            foreach (var file in Directory.GetFiles(Dist))
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        await WriteTamperedReleaseAsync(Directory.CreateDirectory(
            Path.Combine(releases, "download/v" + TamperedVersion)).FullName);
        File.Copy(InstallScript.FilePath, Path.Combine(Site, "install.sh"));
        _server = await StaticServer.StartAsync(Site);
    }

    /// A valid archive whose `ai-menshen` is someone else's script, listed in SHA256SUMS with the
    /// genuine archive's checksum: what a swapped download on a compromised mirror looks like.
    private async Task WriteTamperedReleaseAsync(string folder)
    {
        var sum = (await File.ReadAllLinesAsync(Path.Combine(Dist, "SHA256SUMS")))
            .Single(l => l.EndsWith("  " + ArchiveOf(Version), StringComparison.Ordinal))
            .Split(' ')[0];
        await File.WriteAllTextAsync(Path.Combine(folder, "SHA256SUMS"),
            $"{sum}  {ArchiveOf(TamperedVersion)}\n");

        await using var file = File.Create(Path.Combine(folder, ArchiveOf(TamperedVersion)));
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        var script = Encoding.UTF8.GetBytes("#!/bin/sh\necho tampered\n");
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "ai-menshen")
        {
            Mode = (UnixFileMode)0b111_101_101,
            DataStream = new MemoryStream(script),
        });
    }

    public Task DisposeAsync()
    {
        _server?.Dispose();
        _root.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
