using System.Net;
using Menshen.Core.Exchanges;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

/// A passed-through model list fails over as an understood request does (FailoverDecision):
/// the same last-resort answer, kept while the next provider is tried.
public class PassthroughFailoverTests
{
    private static readonly string LastResortNote =
        new ExchangeNote(NoteKind.EveryProviderFailed).Text!;

    // helper-98: the passthrough loop relayed only the last attempt's answer; a refused
    // connection after a 503 became the gateway's 502, where a chat request got the 503.
    [Fact]
    public async Task A_model_list_503_then_a_refused_connection_relays_the_503()
    {
        var closedPort = FailoverTests.ClosedPort();
        await using var env = await TestEnv.StartAsync(simulators: 1, drawTicket: _ => 0,
            configure: sims => TestConfigs.With(
                TestConfigs.Provider("failing", sims[0].BaseUrl),
                TestConfigs.Provider("dead", new Uri($"http://127.0.0.1:{closedPort}/v1"))));
        env.Sim.Options.FailStatus = 503;

        using var response = await env.Client.GetAsync(new Uri("/v1/models", UriKind.Relative));
        var actual = await env.Sink.NextAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        await OpenAiError.AssertShapeAsync(response);
        Assert.Equal(503, actual.Status);
        Assert.Equal("failing", actual.Provider);
        Assert.Equal([("failing", (int?)503), ("dead", null)],
            actual.Attempts.Select(a => (a.Provider, a.Status)));
        Assert.Equal(LastResortNote, actual.ErrorNote);
    }

    // helper-98: after one try the passthrough loop called a failover status its answer; an
    // understood request's is the last resort however many providers were planned.
    [Fact]
    public async Task A_lone_provider_s_failover_status_is_relayed_as_the_last_resort()
    {
        await using var env = await TestEnv.StartAsync(simulators: 1);
        env.Sim.Options.FailStatus = 503;

        using var response = await env.Client.GetAsync(new Uri("/v1/models", UriKind.Relative));
        var actual = await env.Sink.NextAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(actual.Attempts);
        Assert.Equal(LastResortNote, actual.ErrorNote);
    }

    [Fact]
    public async Task A_model_list_that_fails_everywhere_relays_the_last_answer()
    {
        await using var env = await TestEnv.StartAsync(simulators: 2, drawTicket: _ => 0);
        env.Sims[0].Options.FailStatus = 503;
        env.Sims[1].Options.FailStatus = 429;

        using var response = await env.Client.GetAsync(new Uri("/v1/models", UriKind.Relative));
        var actual = await env.Sink.NextAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("sim1", actual.Provider);
        Assert.Equal([503, 429], actual.Attempts.Select(a => a.Status ?? 0));
        Assert.Equal(LastResortNote, actual.ErrorNote);
    }

    // The kept 503 is held open while the next provider is tried; once the gateway stops it is
    // dropped for the gateway's own 503, as on the understood endpoints.
    [Fact]
    public async Task A_kept_answer_is_not_relayed_once_the_grace_ends()
    {
        await using var env = await TestEnv.StartAsync(simulators: 2, drawTicket: _ => 0,
            configure: sims =>
            {
                var config = TestEnv.DefaultConfig(sims);
                return config with
                {
                    Server = config.Server with { ShutdownGrace = TimeSpan.FromSeconds(1) },
                };
            });
        env.Sims[0].Options.FailStatus = 503;
        env.Sims[1].Options.HeaderDelayMs = 20_000;

        var answering = env.Client.GetAsync(new Uri("/v1/models", UriKind.Relative));
        await env.Sims[1].WaitForRequestsAsync(1, TimeSpan.FromSeconds(10));
        await env.Gateway.StopAsync();
        using var response = await answering;
        var actual = await env.Sink.NextAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("shutting down", await OpenAiError.AssertShapeAsync(response),
            StringComparison.Ordinal);
        Assert.Equal(ExchangeNote.GatewayStoppedText, actual.ErrorNote);
        Assert.Equal(2, actual.Attempts.Length);
    }
}
