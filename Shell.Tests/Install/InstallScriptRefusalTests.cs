using System.Runtime.Versioning;

namespace Menshen.Shell.Tests.Install;

/// install.sh refusing: each failure is one line of its own on stderr (never a raw `curl:` line),
/// a non-zero exit, and nothing installed.
[Collection(SharedReleaseBuild.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class InstallScriptRefusalTests(ReleaseBuild release)
{
    [Theory]
    [InlineData("dash")]
    [InlineData("bash --posix")]
    public async Task A_tampered_archive_is_refused_and_nothing_is_installed(string shell)
    {
        var prefix = Path.Combine(release.NewTempDir("prefix"), "bin");

        var run = await InstallScript.RunAsync(release, shell, release.NewTempDir("home"),
            ["-v", ReleaseBuild.TamperedVersion, "-p", prefix]);

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.ErrLines);
        var archive = ReleaseBuild.ArchiveOf(ReleaseBuild.TamperedVersion);
        Assert.StartsWith($"install.sh: error: checksum mismatch for {archive} (expected ", error);
        Assert.EndsWith("; nothing installed", error);
        Assert.False(Directory.Exists(prefix));
        Assert.DoesNotContain("tampered", run.Out); // the swapped binary never ran
    }

    // `${HOME:-}/.local/bin` is never empty, so with HOME unset it installed into /.local/bin.
    [Fact]
    public async Task Without_home_or_prefix_it_says_so_and_installs_nothing()
    {
        var work = release.NewTempDir("home");

        var run = await InstallScript.RunAsync(release, "dash", work, [],
            new Dictionary<string, string?> { ["HOME"] = null });

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("install.sh: error: no install directory: HOME is not set; pass --prefix DIR",
            Assert.Single(run.ErrLines));
        Assert.False(Directory.Exists("/.local/bin/ai-menshen") || File.Exists("/.local/bin/ai-menshen"));
    }

    [Fact]
    public async Task An_unknown_version_fails_with_one_clear_line()
    {
        var prefix = Path.Combine(release.NewTempDir("prefix"), "bin");

        var run = await InstallScript.RunAsync(release, "dash", release.NewTempDir("home"),
            ["-v", "9.9.9", "-p", prefix]);

        Assert.Equal(1, run.ExitCode);
        var url = $"{release.BaseUrl}/download/v9.9.9/SHA256SUMS";
        Assert.Equal($"install.sh: error: release v9.9.9 not found: {url} (HTTP 404)",
            Assert.Single(run.ErrLines));
        Assert.False(Directory.Exists(prefix));
    }

    [Theory]
    [InlineData("FreeBSD", "amd64", "unsupported platform: FreeBSD/amd64")]
    [InlineData("Linux", "riscv64", "unsupported platform: linux/riscv64")]
    [InlineData("Darwin", "arm64", "the latest release has no build for darwin/arm64")]
    public async Task A_platform_without_a_build_fails_with_one_clear_line(
        string system, string machine, string message)
    {
        var dir = release.NewTempDir("platform");
        var fake = InstallScript.FakeUname(Path.Combine(dir, "fake"), system, machine);
        var env = new Dictionary<string, string?>
        {
            ["PATH"] = fake + ":" + Environment.GetEnvironmentVariable("PATH"),
        };

        var run = await InstallScript.RunAsync(release, "dash", release.NewTempDir("home"),
            ["-p", Path.Combine(dir, "bin")], env);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("install.sh: error: " + message, Assert.Single(run.ErrLines));
        Assert.False(Directory.Exists(Path.Combine(dir, "bin")));
    }

    [Fact]
    public async Task Without_curl_or_wget_it_says_what_is_missing()
    {
        var path = InstallScript.PathWith(
            Path.Combine(release.NewTempDir("path"), "path"), "uname");

        var run = await InstallScript.RunAsync(release, "dash", release.NewTempDir("home"), [],
            new Dictionary<string, string?> { ["PATH"] = path });

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "install.sh: error: neither curl nor wget is installed; "
                + "install one of them and run this again",
            Assert.Single(run.ErrLines));
    }

    // helper-68: without gzip the archive "does not contain ai-menshen", blaming the release.
    [Fact]
    public async Task Without_gzip_it_says_what_is_missing()
    {
        var path = InstallScript.PathWith(
            Path.Combine(release.NewTempDir("path"), "path"), "uname", "curl", "sha256sum",
            "cut", "awk", "mktemp", "rm", "tar", "mkdir", "cp", "chmod", "mv", "cat");

        var run = await InstallScript.RunAsync(release, "dash", release.NewTempDir("home"), [],
            new Dictionary<string, string?> { ["PATH"] = path });

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("install.sh: error: gzip is not installed; it is needed to unpack the "
            + "release", Assert.Single(run.ErrLines));
    }

    [Fact]
    public async Task An_unwritable_prefix_fails_with_one_clear_line()
    {
        var dir = release.NewTempDir("unwritable");
        var file = Path.Combine(dir, "a-file");
        File.WriteAllText(file, "not a folder");
        var prefix = Path.Combine(file, "bin"); // cannot be created, not even by root

        var run = await InstallScript.RunAsync(release, "dash", release.NewTempDir("home"),
            ["-p", prefix]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"install.sh: error: cannot write to {prefix}; choose another directory with "
            + "--prefix (or run as its owner)", Assert.Single(run.ErrLines));
        Assert.Equal("not a folder", File.ReadAllText(file));
    }
}
