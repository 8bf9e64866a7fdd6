using Menshen.Shell.Tests.Support;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Process;

/// Items 5 and 9 of issue 13 against the real entry point: forged log lines, and the data folder's
/// mode when the gateway is started with umask 000.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HygieneProcessTests : IAsyncLifetime
{
    private SimulatorServer _sim = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync();
        _folder = Directory.CreateTempSubdirectory("menshen-hygiene-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Client_chosen_text_never_forges_a_log_line_or_colours_the_terminal()
    {
        using var gateway = await StartAsync();

        foreach (var head in (string[])[
            "GET /v1/models/%0D%1B[31m%2012:00:00%20info:%20FORGED%20admin%20login HTTP/1.1\r\n"
                + "Host: 127.0.0.1",
            "GET /v1/models/%E2%80%A8%2012:00:00%20info:%20FORGED HTTP/1.1\r\nHost: 127.0.0.1",
            "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://x\u001b[31m.example",
            "GET /v1/models HTTP/1.1\r\nHost: forged\u001b[31m.example",
            "GET /v1/models/%C2%85x HTTP/1.1\r\nHost: 127.0.0.1",
            "GET /v1/models?done HTTP/1.1\r\nHost: 127.0.0.1"])
            await RawHttp.SendAsync(gateway.BaseAddress, head);
        await WaitForOutputAsync(gateway, "GET /v1/models provider=");

        var output = gateway.Output;
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u2028', output);
        Assert.DoesNotContain('\u0085', output);
        Assert.DoesNotContain(output.Split('\n'),
            l => l.TrimStart().StartsWith("12:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Data_folders_are_0700_and_the_database_0600_under_umask_000()
    {
        var data = Path.Combine(_folder, "state", "menshen");
        using var gateway = await StartAsync(Path.Combine(data, "audit.db"), umaskZero: true);

        Assert.Equal(OwnerFolder, File.GetUnixFileMode(Path.Combine(_folder, "state")));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(data));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite,
            File.GetUnixFileMode(Path.Combine(data, "audit.db")));
    }

    private const UnixFileMode OwnerFolder =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private async Task<GatewayProcess> StartAsync(string? database = null, bool umaskZero = false)
    {
        var port = GatewayProcess.FreePort();
        var config = Path.Combine(_folder, "config.toml");
        await File.WriteAllTextAsync(config, $"""
            listen = "127.0.0.1:{port}"
            [[providers]]
            name = "sim"
            base_url = "{_sim.BaseUrl}"
            api_key = "sk-provider-secret"
            [storage.sqlite]
            path = "{database ?? Path.Combine(_folder, "audit.db")}"
            """);
        return umaskZero
            ? await GatewayProcess.StartUnderUmaskZeroAsync(config, port)
            : await GatewayProcess.StartAsync(config, port);
    }

    private static async Task WaitForOutputAsync(GatewayProcess gateway, string text)
    {
        for (var i = 0; i < 100 && !gateway.Output.Contains(text, StringComparison.Ordinal); i++)
            await Task.Delay(100);
        Assert.Contains(text, gateway.Output, StringComparison.Ordinal);
    }
}
