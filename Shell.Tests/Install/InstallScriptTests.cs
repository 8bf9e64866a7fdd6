using System.Runtime.Versioning;

namespace Menshen.Shell.Tests.Install;

/// install.sh against `make dist`'s real archive over loopback: it installs, and the binary runs.
[Collection(SharedReleaseBuild.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class InstallScriptTests(ReleaseBuild release)
{
    private const string Version = ReleaseBuild.Version;

    [Theory]
    [InlineData("dash")]
    [InlineData("bash --posix")]
    public async Task Installs_the_latest_release_into_the_default_prefix_and_it_runs(string shell)
    {
        var home = release.NewTempDir("home");

        var run = await InstallScript.RunAsync(release, shell, home, []);

        Assert.True(run.ExitCode == 0, run.ToString());
        var binary = Path.Combine(home, ".local/bin/ai-menshen");
        Assert.Equal(InstallScript.Mode0755, File.GetUnixFileMode(binary));
        Assert.StartsWith($"ai-menshen {Version}\n", await InstallScript.VersionOf(binary));
        Assert.Contains("/releases/latest/download/SHA256SUMS", run.Out);
        var archive = ReleaseBuild.ArchiveOf(Version);
        Assert.Contains($"/releases/download/v{Version}/{archive}", run.Out);
        Assert.Contains("Verified SHA-256", run.Out);
        Assert.Contains($"ai-menshen {Version}\ncommit: ", run.Out); // what the binary says
        Assert.Contains($"(umask 077 && {binary} -gen-config > config.toml)", run.Out);
        Assert.Contains("mkdir -p -m 700 ~/.config/ai-menshen && cd ~/.config/ai-menshen",
            run.Out);
        Assert.Contains("is not on your PATH", run.Out);
        Assert.Empty(run.Err);
    }

    [Theory]
    [InlineData("-v", "1.2.3")]
    [InlineData("--version", "v1.2.3")]
    [InlineData("--version=v1.2.3", null)]
    public async Task Installs_a_named_version_into_the_given_prefix(string option, string? value)
    {
        var prefix = Path.Combine(release.NewTempDir("prefix"), "new/bin");
        string[] args = value is null
            ? [option, "-p", prefix]
            : [option, value, "--prefix", prefix];

        var run = await InstallScript.RunAsync(release, "dash", release.NewTempDir("home"), args);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"/download/v{Version}/SHA256SUMS", run.Out);
        var binary = Path.Combine(prefix, "ai-menshen");
        Assert.StartsWith($"ai-menshen {Version}\n", await InstallScript.VersionOf(binary));
        Assert.Equal(["ai-menshen"],
            Directory.GetFileSystemEntries(prefix).Select(Path.GetFileName));
    }

    [Fact]
    public async Task The_one_liner_pipes_the_served_script_into_sh()
    {
        var home = release.NewTempDir("home");
        var prefix = Path.Combine(home, "bin");
        var oneLiner = $"curl -fsSL {release.ServerUrl}/install.sh | sh -s -- --prefix '{prefix}'";

        var run = await ProcessRun.Of("sh", ["-c", oneLiner], new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["MENSHEN_DOWNLOAD_BASE"] = release.BaseUrl,
            ["PATH"] = prefix + ":" + Environment.GetEnvironmentVariable("PATH"),
        });

        Assert.True(run.ExitCode == 0, run.ToString());
        var binary = Path.Combine(prefix, "ai-menshen");
        Assert.StartsWith($"ai-menshen {Version}\n", await InstallScript.VersionOf(binary));
        // The prefix is on PATH, so the next step names the command alone.
        Assert.Contains("  (umask 077 && ai-menshen -gen-config > config.toml)", run.Out);
        Assert.DoesNotContain("not on your PATH", run.Out);
    }

    // helper-68: an upgrade printed "-gen-config > config.toml" again, which overwrote the
    // operator's config (keys, tokens) when followed.
    [Fact]
    public async Task An_upgrade_keeps_the_config_and_says_to_restart()
    {
        var home = release.NewTempDir("home");
        var config = Path.Combine(home, ".config/ai-menshen/config.toml");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        await File.WriteAllTextAsync(config, "api_key = \"sk-live-KEEP\"\n");

        var run = await InstallScript.RunAsync(release, "dash", home, []);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Your config ~/.config/ai-menshen/config.toml is kept.", run.Out);
        Assert.Contains("systemctl --user restart ai-menshen", run.Out);
        Assert.DoesNotContain("-gen-config", run.Out);
        Assert.Equal("api_key = \"sk-live-KEEP\"\n", await File.ReadAllTextAsync(config));
    }

    [Fact]
    public async Task China_mode_downloads_everything_through_the_mirror_prefix()
    {
        // The releases URL itself is unreachable (port 9 on loopback): only the mirror serves it,
        // at <mirror>/<original URL>, as GitHub download mirrors do.
        const string unreachable = "http://127.0.0.1:9/releases";
        var mirrored = Path.Combine(release.Site, "mirror/http:/127.0.0.1:9");
        Directory.CreateDirectory(mirrored);
        var link = Path.Combine(mirrored, "releases");
        if (!Path.Exists(link))
            Directory.CreateSymbolicLink(link, Path.Combine(release.Site, "releases"));
        var prefix = Path.Combine(release.NewTempDir("prefix"), "bin");
        var env = new Dictionary<string, string?>
        {
            ["MENSHEN_DOWNLOAD_BASE"] = unreachable,
            ["MENSHEN_CHINA_MIRROR"] = release.ServerUrl + "/mirror/",
        };

        var run = await InstallScript.RunAsync(release, "dash", release.NewTempDir("home"),
            ["--china", "-p", prefix], env);

        Assert.True(run.ExitCode == 0, run.ToString());
        var mirror = $"{release.ServerUrl}/mirror/{unreachable}";
        Assert.Contains($"Downloading {mirror}/latest/download/SHA256SUMS", run.Out);
        Assert.Contains($"Downloading {mirror}/download/v{Version}/", run.Out);
        Assert.True(File.Exists(Path.Combine(prefix, "ai-menshen")));
    }

    [Fact]
    public async Task Downloads_with_wget_when_curl_is_missing()
    {
        var dir = release.NewTempDir("wget");
        var path = InstallScript.PathWith(Path.Combine(dir, "path"), "uname", "wget", "sha256sum",
            "cut", "awk", "mktemp", "rm", "tar", "gzip", "mkdir", "cp", "chmod", "mv", "cat");
        var prefix = Path.Combine(dir, "bin");

        var run = await InstallScript.RunAsync(release, "dash", release.NewTempDir("home"),
            ["-p", prefix], new Dictionary<string, string?> { ["PATH"] = path });

        Assert.True(run.ExitCode == 0, run.ToString());
        var binary = Path.Combine(prefix, "ai-menshen");
        Assert.StartsWith($"ai-menshen {Version}\n", await InstallScript.VersionOf(binary));
    }
}
