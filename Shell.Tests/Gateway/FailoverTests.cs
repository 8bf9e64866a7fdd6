using System.Net;
using System.Net.Sockets;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

public class FailoverTests
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hello"}]}""";

    // The first provider is always the weighted pick: ticket 0 selects sim0.
    private static Task<TestEnv> TwoProviders() => TestEnv.StartAsync(simulators: 2, drawTicket: _ => 0);

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(500)]
    public async Task Failover_status_moves_to_the_next_provider(int status)
    {
        await using var env = await TwoProviders();
        env.Sims[0].Options.FailStatus = status;

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, env.Sims[1].RequestCount);
        var exchange = await env.Sink.NextAsync();
        Assert.Equal("sim1", exchange.Provider);
        Assert.Equal([status, 200], exchange.Attempts.Select(a => a.Status ?? 0));
    }

    [Fact]
    public async Task Bad_request_is_final_and_not_failed_over()
    {
        await using var env = await TwoProviders();
        env.Sims[0].Options.FailStatus = 400;

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, env.Sims[1].RequestCount);
    }

    [Fact]
    public async Task Refused_connection_moves_to_the_next_provider()
    {
        var closedPort = ClosedPort();
        await using var env = await TestEnv.StartAsync(simulators: 1, drawTicket: _ => 0, configure: sims =>
            TestConfigs.With(
                TestConfigs.Provider("dead", new Uri($"http://127.0.0.1:{closedPort}/v1")),
                TestConfigs.Provider("alive", sims[0].BaseUrl)));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var exchange = await env.Sink.NextAsync();
        Assert.Equal("alive", exchange.Provider);
        Assert.Null(exchange.Attempts[0].Status);
        Assert.NotNull(exchange.Attempts[0].Error);
    }

    [Fact]
    public async Task All_failing_passes_on_the_last_upstream_answer()
    {
        await using var env = await TwoProviders();
        env.Sims[0].Options.FailStatus = 503;
        env.Sims[1].Options.FailStatus = 429;

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        await OpenAiError.AssertShapeAsync(response);
        Assert.Equal(429, (await env.Sink.NextAsync()).Status);
    }

    [Fact]
    public async Task Http_error_then_network_error_passes_on_the_http_error()
    {
        var closedPort = ClosedPort();
        await using var env = await TestEnv.StartAsync(simulators: 1, drawTicket: _ => 0, configure: sims =>
            TestConfigs.With(
                TestConfigs.Provider("failing", sims[0].BaseUrl),
                TestConfigs.Provider("dead", new Uri($"http://127.0.0.1:{closedPort}/v1"))));
        env.Sim.Options.FailStatus = 502;

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(2, (await env.Sink.NextAsync()).Attempts.Length);
    }

    [Fact]
    public async Task All_unreachable_is_a_502_in_openai_shape()
    {
        await using var env = await TestEnv.StartAsync(simulators: 0, configure: _ => TestConfigs.With(
            TestConfigs.Provider("a", new Uri($"http://127.0.0.1:{ClosedPort()}/v1")),
            TestConfigs.Provider("b", new Uri($"http://127.0.0.1:{ClosedPort()}/v1"))));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var message = await OpenAiError.AssertShapeAsync(response);
        Assert.Equal(2, (await env.Sink.NextAsync()).Attempts.Length);
        // The client learns what went wrong, not only that something did.
        Assert.Contains("(2 providers tried: upstream connection failed; upstream connection failed)",
            message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Weights_80_20_over_1000_requests_with_a_fixed_seed()
    {
        var random = new Random(20261124);
        await using var env = await TestEnv.StartAsync(simulators: 2, drawTicket: random.Next, configure: sims =>
            TestConfigs.With(
                TestConfigs.Provider("heavy", sims[0].BaseUrl, weight: 8),
                TestConfigs.Provider("light", sims[1].BaseUrl, weight: 2)));

        for (var i = 0; i < 1000; i++)
        {
            using var response = await env.PostAsync("/v1/chat/completions", Chat);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1000, env.Sims[0].RequestCount + env.Sims[1].RequestCount);
        Assert.InRange(env.Sims[0].RequestCount, 750, 850);
    }

    /// A loopback port with nothing listening: bind, read the port, close.
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
