using System.Net;
using System.Net.Sockets;

namespace Menshen.Shell.Tests.Process;

public class PortInUseTests
{
    // The commonest start-up failure: one clear line, not the host's stack trace before it.
    [Fact]
    public async Task A_listen_address_in_use_is_one_clear_line_and_exit_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (exitCode, output, errors) = await RunWithListenAsync($"127.0.0.1:{port}");

        Assert.Equal(1, exitCode);
        // On stderr, as ai-menshen's (Go's log) lines are: `ai-menshen > log` still shows it.
        Assert.Contains($"cannot listen on 127.0.0.1:{port}: ", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", errors, StringComparison.Ordinal);
        Assert.Contains("address already in use", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    // These passed -check-config, then aborted the process with a stack trace (exit 134).
    [Theory]
    [InlineData("name-that-does-not-resolve.invalid")]
    [InlineData("192.0.2.1")]
    public async Task A_listen_host_that_cannot_be_bound_is_one_clear_line_and_exit_1(string host)
    {
        var (exitCode, output, _) = await RunWithListenAsync($"{host}:18099");

        Assert.Equal(1, exitCode);
        Assert.Contains($"cannot listen on {host}:18099: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    // A gateway started with `listen` and run until it exits by itself.
    private static async Task<(int ExitCode, string Output, string Errors)> RunWithListenAsync(
        string listen)
    {
        var folder = Directory.CreateTempSubdirectory("menshen-listen-").FullName;
        var config = Path.Combine(folder, "config.toml");
        await File.WriteAllTextAsync(config, $"""
            listen = "{listen}"
            [[providers]]
            base_url = "http://127.0.0.1:9/v1"
            api_key = "sk-port-test"
            [storage.sqlite]
            path = "{Path.Combine(folder, "audit.db")}"
            """);
        return await GatewayProcess.RunToExitWithErrorsAsync(config, TimeSpan.FromSeconds(60));
    }
}
