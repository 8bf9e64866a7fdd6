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
        var folder = Directory.CreateTempSubdirectory("menshen-port-").FullName;
        var config = Path.Combine(folder, "config.toml");
        await File.WriteAllTextAsync(config, $"""
            listen = "127.0.0.1:{port}"
            [[providers]]
            base_url = "http://127.0.0.1:9/v1"
            api_key = "sk-port-test"
            [storage.sqlite]
            path = "{Path.Combine(folder, "audit.db")}"
            """);

        var (exitCode, output) = await GatewayProcess.RunToExitAsync(config,
            TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains($"cannot listen on 127.0.0.1:{port}: ", output, StringComparison.Ordinal);
        Assert.Contains("address already in use", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
