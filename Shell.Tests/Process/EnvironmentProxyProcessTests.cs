using System.Net;
using System.Text;
using Menshen.Shell.Tests.Support;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Process;

/// review-86 H1 with the real process environment (its own process, so HTTP_PROXY reaches no
/// other test): a loopback provider is reached directly, and start-up names the environment's
/// proxy for each provider it does carry, without the proxy's password.
public sealed class EnvironmentProxyProcessTests : IAsyncLifetime
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hello"}]}""";

    private SimulatorServer _sim = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync();
        _folder = Directory.CreateTempSubdirectory("menshen-envproxy-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_loopback_provider_is_reached_directly_and_the_proxy_is_named_per_provider()
    {
        await using var recording = new RecordingHttpProxy();
        var port = GatewayProcess.FreePort();
        var config = Path.Combine(_folder, "config.toml");
        await File.WriteAllTextAsync(config, $"""
            listen = "127.0.0.1:{port}"
            [[providers]]
            name = "local"
            base_url = "{_sim.BaseUrl}"
            api_key = "sk-local-secret"
            [[providers]]
            name = "remote"
            base_url = "https://models.example/v1"
            weight = 0
            [storage.sqlite]
            path = "{Path.Combine(_folder, "audit.db")}"
            """);
        var proxy = $"http://bob:hunter2@127.0.0.1:{recording.Port}";
        var environment = new Dictionary<string, string>
        {
            ["HTTP_PROXY"] = proxy,
            ["HTTPS_PROXY"] = proxy,
            ["NO_PROXY"] = "",
            ["no_proxy"] = "",
        };
        using var gateway = await GatewayProcess.StartAsync(config, port, environment);
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var body = new StringContent(Chat, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(recording.Requests);
        Assert.Equal(1, _sim.RequestCount);
        var output = gateway.Output;
        Assert.Contains("provider remote goes through the environment's proxy "
            + $"http://127.0.0.1:{recording.Port}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("provider local goes through", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
    }
}
