namespace Menshen.Shell.Tests.Install;

/// install.sh on its own: POSIX sh that shellcheck accepts, and its options.
public sealed class InstallScriptLintTests
{
    [Fact]
    public async Task Shellcheck_passes_on_the_installer_and_the_release_scripts()
    {
        var run = await ProcessRun.Of("shellcheck",
            ["-x", "install.sh", "scripts/dist.sh", "scripts/pack.sh", "scripts/platform.sh"]);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Shellcheck_passes_on_the_installer_as_dash_too()
    {
        var run = await ProcessRun.Of("shellcheck", ["--shell=dash", "install.sh"]);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Help_lists_every_option_and_the_mirror_default()
    {
        var run = await ProcessRun.Of("dash", ["install.sh", "--help"]);

        Assert.Equal(0, run.ExitCode);
        string[] mentions = ["-v, --version", "-p, --prefix", "--china", "--base-url", "-h, --help",
            "MENSHEN_DOWNLOAD_BASE", "MENSHEN_CHINA_MIRROR", "https://ghfast.top/", "~/.local/bin"];
        Assert.All(mentions, mention => Assert.Contains(mention, run.Out));
    }

    [Theory]
    [InlineData("--frobnicate", "unknown option: --frobnicate (see --help)")]
    [InlineData("--prefix", "--prefix needs a value (see --help)")]
    [InlineData("-v 1.2;rm", "not a version: '1.2;rm' (expected e.g. 1.2.0 or v1.2.0)")]
    public async Task A_bad_option_fails_with_one_clear_line_before_any_download(
        string args, string message)
    {
        var run = await ProcessRun.Of("dash", ["install.sh", .. args.Split(' ')],
            new Dictionary<string, string?> { ["MENSHEN_DOWNLOAD_BASE"] = "http://127.0.0.1:9/x" });

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("install.sh: error: " + message, Assert.Single(run.ErrLines));
        Assert.Empty(run.Out);
    }
}
