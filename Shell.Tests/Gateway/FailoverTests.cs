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

    /// A stream failed over to an Azure deployment on an api-version that refuses stream_options
    /// goes without it (it went with the first provider's patch: a 400 from the fallback).
    [Fact]
    public async Task A_fallback_is_patched_for_its_own_api_version()
    {
        await using var env = await TestEnv.StartAsync(simulators: 2, drawTicket: _ => 0,
            configure: sims => TestConfigs.With(
                TestConfigs.Provider("openai", sims[0].BaseUrl),
                TestConfigs.Provider("azure",
                    new Uri(sims[1].BaseUrl + "?api-version=2024-06-01"))));
        env.Sims[0].Options.FailStatus = 503;

        using var response = await env.PostAsync("/v1/chat/completions",
            """{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"stream_options\"", env.Sims[0].Requests.Single().BodyText,
            StringComparison.Ordinal);
        Assert.DoesNotContain("\"stream_options\"", env.Sims[1].Requests.Single().BodyText,
            StringComparison.Ordinal);
        Assert.Equal("azure", (await env.Sink.NextAsync()).Provider);
    }

    /// helper-70: a fallback on the same URL and key that forces a cheaper model was left out of
    /// failover as "the same upstream"; the client got the first provider's 503.
    [Fact]
    public async Task A_fallback_forcing_another_model_on_the_same_key_is_tried()
    {
        await using var env = await TestEnv.StartAsync(simulators: 1, drawTicket: _ => 0, configure: sims =>
            TestConfigs.With(
                TestConfigs.Provider("big", sims[0].BaseUrl),
                TestConfigs.Provider("mini", sims[0].BaseUrl, model: "m-mini")));
        env.Sim.Options.FailStatus = 503;

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var exchange = await env.Sink.NextAsync();
        Assert.Equal(["big", "mini"], exchange.Attempts.Select(a => a.Provider));
        Assert.Equal(2, env.Sim.RequestCount);
        Assert.Contains("\"m-mini\"", env.Sim.Requests[1].BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_account_without_the_dead_proxy_is_tried()
    {
        var deadProxy = new Uri($"http://127.0.0.1:{ClosedPort()}");
        await using var env = await TestEnv.StartAsync(simulators: 1, drawTicket: _ => 0, configure: sims =>
            TestConfigs.With(
                TestConfigs.Provider("via-proxy", sims[0].BaseUrl) with { Proxy = deadProxy },
                TestConfigs.Provider("direct", sims[0].BaseUrl)));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var exchange = await env.Sink.NextAsync();
        Assert.Equal(["via-proxy", "direct"], exchange.Attempts.Select(a => a.Provider));
    }

    /// helper-70: once a cool-down was over, every request drawn to a provider that still hung
    /// went to it and waited the whole timeout (25 requests of 5 s in a row). One request tries
    /// it now; the others keep it at the back until that trial fails or succeeds.
    [Fact]
    public async Task After_the_cool_down_one_request_tries_the_provider_while_the_others_go_on()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var env = await FirstParkedAsync(clock, 503);
        clock.Advance(TimeSpan.FromSeconds(31));
        env.Sims[0].Options.HeaderDelayMs = 1500;

        var responses = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => env.PostAsync("/v1/chat/completions", Chat)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, env.Sims[0].RequestCount);
        Assert.Equal(6, env.Sims[1].RequestCount);
        foreach (var response in responses) response.Dispose();
    }

    /// helper-91: the cool-down ran on the wall clock, so after a step back of an hour (NTP, a
    /// resumed VM) the parked provider stayed parked for that hour. It runs on elapsed time.
    [Fact]
    public async Task A_step_of_the_system_clock_neither_lengthens_nor_ends_a_cool_down()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var env = await FirstParkedAsync(clock, 503);
        env.Sims[0].Options.FailStatus = null;

        clock.Step(TimeSpan.FromHours(1));
        using (var parked = await env.PostAsync("/v1/chat/completions", Chat))
            Assert.Equal(HttpStatusCode.OK, parked.StatusCode);
        clock.Step(TimeSpan.FromHours(-2));
        clock.Advance(TimeSpan.FromSeconds(31));
        using var back = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        // Parked while the wall clock was an hour ahead; tried again once 31 s had passed,
        // though the wall clock then read an hour behind.
        Assert.Equal(2, env.Sims[0].RequestCount);
        Assert.Equal(2, env.Sims[1].RequestCount);
    }

    /// A request that claimed the trial and was then answered from the cache gives it back: the
    /// next request tries the provider, not one a whole timeout later.
    [Fact]
    public async Task A_trial_answered_from_the_cache_passes_to_the_next_request()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var env = await FirstParkedAsync(clock, 503, cache: true);
        clock.Advance(TimeSpan.FromSeconds(31));
        env.Sims[0].Options.FailStatus = null;

        using (var hit = await env.PostAsync("/v1/chat/completions", Chat))
            Assert.Equal("HIT", hit.Headers.GetValues("X-Cache").Single());
        using var next = await env.PostAsync("/v1/chat/completions",
            Chat.Replace("hello", "hello again", StringComparison.Ordinal));

        Assert.Equal("MISS", next.Headers.GetValues("X-Cache").Single());
        Assert.Equal(2, env.Sims[0].RequestCount);
    }

    /// helper-70: a provider parked on 401s stayed at the back after a reload rotated its key.
    /// A reload that changes a provider's upstream starts its health afresh; one that leaves it
    /// alone keeps it parked.
    [Fact]
    public async Task A_reload_that_changes_a_parked_provider_s_key_puts_it_back_first()
    {
        await using var env = await FirstParkedAsync(TimeProvider.System, 401);
        env.Sims[0].Options.FailStatus = null;
        var runtime = env.Gateway.Runtime;
        var parked = runtime.Current.Config;

        runtime.Replace(parked with { Verbose = true });
        using (var unchanged = await env.PostAsync("/v1/chat/completions", Chat))
            Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        runtime.Replace(parked with
        {
            Providers = [parked.Providers[0] with { ApiKey = "sk-rotated" }, parked.Providers[1]],
        });
        using var rotated = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(2, env.Sims[0].RequestCount);
        Assert.Equal(2, env.Sims[1].RequestCount);
        Assert.Equal("Bearer sk-rotated", env.Sims[0].Requests[1].Headers["authorization"]);
    }

    // Providers a (drawn first) and b, passive health parking after one failure; one request
    // answered `status` by a, so that a is parked (cooling for 30 s on `clock`) and b answered.
    private static async Task<TestEnv> FirstParkedAsync(TimeProvider clock, int status,
        bool cache = false)
    {
        var env = await TestEnv.StartAsync(simulators: 2, drawTicket: _ => 0, clock: clock,
            configure: sims =>
            {
                var config = TestConfigs.With(
                    TestConfigs.Provider("a", sims[0].BaseUrl, apiKey: "sk-revoked"),
                    TestConfigs.Provider("b", sims[1].BaseUrl));
                config = cache ? config.WithCache() : config;
                return config with { Failover = config.Failover with { UnhealthyAfter = 1 } };
            });
        env.Sims[0].Options.FailStatus = status;
        using var parking = await env.PostAsync("/v1/chat/completions", Chat);
        Assert.Equal(HttpStatusCode.OK, parking.StatusCode);
        return env;
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
