using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Menshen.Shell.Tests.Process;

namespace Menshen.Shell.Tests.Install;

/// review-86 M3: the Native AOT binary kept the soft open-files limit it was started with (the
/// JIT runtime and Go raise it to the hard one), so systemd's soft 1024 failed a hundred of 600
/// concurrent streams as "upstream connection failed". Only the released binary shows it: the
/// JIT build next to the tests is raised by the runtime itself.
[Collection(SharedReleaseBuild.Name)]
[UnsupportedOSPlatform("windows")]
public sealed partial class OpenFilesLimitTests(ReleaseBuild release)
{
    [Fact]
    public async Task The_soft_open_files_limit_is_raised_to_the_hard_one()
    {
        using var gateway = await StartAsync("ulimit -Sn 256 && ulimit -Hn 8192");

        var actual = await OpenFilesAsync(gateway.ProcessId);

        Assert.Equal(("8192", "8192"), actual);
        Assert.DoesNotContain("open files limit", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hard_limit_below_4096_is_raised_to_and_logged()
    {
        using var gateway = await StartAsync("ulimit -Sn 256 && ulimit -Hn 2048");

        var actual = await OpenFilesAsync(gateway.ProcessId);

        Assert.Equal(("2048", "2048"), actual);
        Assert.Contains("open files limit is 2048 (hard 2048), below 4096", gateway.Output,
            StringComparison.Ordinal);
    }

    private async Task<GatewayProcess> StartAsync(string limits)
    {
        var folder = release.NewTempDir("nofile");
        var unpacked = await ProcessRun.Of("tar", ["-xzf",
            Path.Combine(release.Dist, ReleaseBuild.ArchiveOf(ReleaseBuild.Version)),
            "-C", folder]);
        Assert.True(unpacked.ExitCode == 0, unpacked.ToString());
        var binary = Directory.GetFiles(folder, "ai-menshen", SearchOption.AllDirectories)
            .Single();
        var port = GatewayProcess.FreePort();
        var config = Path.Combine(folder, "config.toml");
        await File.WriteAllTextAsync(config, $"""
            listen = "127.0.0.1:{port}"
            [[providers]]
            name = "p"
            base_url = "http://127.0.0.1:9/v1"
            [storage.sqlite]
            path = "{Path.Combine(folder, "audit.db")}"
            """);
        return await GatewayProcess.StartBinaryUnderShellAsync(limits, binary, config, port);
    }

    // The soft and hard columns of /proc/<pid>/limits' "Max open files" line.
    private static async Task<(string Soft, string Hard)> OpenFilesAsync(int pid)
    {
        var limits = await File.ReadAllTextAsync($"/proc/{pid}/limits");
        var line = OpenFilesLine().Match(limits);
        Assert.True(line.Success, limits);
        return (line.Groups[1].Value, line.Groups[2].Value);
    }

    [GeneratedRegex(@"^Max open files\s+(\S+)\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex OpenFilesLine();
}
