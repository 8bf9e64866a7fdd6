using System.Net;
using Menshen.Core.Exchanges;
using Menshen.Shell.Tests.Support;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Gateway;

/// What a request still running when `[server] shutdown_grace` runs out gets, and what the audit
/// says about it: the gateway stopped it, not the client.
public class ShutdownGraceTests
{
    private const string StreamChat =
        """{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

    private const string PlainChat = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task A_stream_running_when_the_grace_ends_is_cut_and_recorded_as_the_gateways_stop()
    {
        await using var env = await StartAsync();
        env.Sim.Options.ChunkIntervalMs = 200;
        env.Sim.Options.Chunks = 100;

        using var response = await env.PostAsync("/v1/chat/completions", StreamChat,
            completion: HttpCompletionOption.ResponseHeadersRead);
        var stopping = env.Gateway.StopAsync();
        var (events, cut) = await SseReader.ReadUntilEndOrCutAsync(response);
        await stopping;

        Assert.True(cut, $"the body ended cleanly after {events.Count} events, as if whole");
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
        var exchange = await env.Sink.NextAsync();
        Assert.False(exchange.ClientClosed, "recorded as the client's leaving");
        Assert.False(exchange.Complete);
        Assert.Equal(ExchangeNote.GatewayStoppedText, exchange.ErrorNote);
    }

    [Fact]
    public async Task A_request_still_waiting_for_the_upstream_when_the_grace_ends_gets_a_503()
    {
        await using var env = await StartAsync(simulators: 2);
        env.Sims[0].Options.HeaderDelayMs = 20_000;
        env.Sims[1].Options.HeaderDelayMs = 20_000;

        await AssertStoppedWithA503Async(env, waiting: env.Sims[0]);

        // Failing over at shutdown would only start another request to cut.
        Assert.Equal(1, env.Sims[0].RequestCount + env.Sims[1].RequestCount);
    }

    // A retryable answer kept from the first provider is not what the client gets once the
    // gateway stops: it would be an old 5xx, relayed on a timer already cancelled, then cut.
    [Fact]
    public async Task A_failed_over_request_still_waiting_when_the_grace_ends_gets_the_503_too()
    {
        await using var env = await StartAsync(simulators: 2);
        env.Sims[0].Options.FailStatus = 503;
        env.Sims[1].Options.HeaderDelayMs = 20_000;

        await AssertStoppedWithA503Async(env, waiting: env.Sims[1]);
    }

    // A chat request, the gateway stopped once `waiting` holds it: the gateway's own 503, and
    // the record says the gateway stopped it.
    private static async Task AssertStoppedWithA503Async(TestEnv env, SimulatorServer waiting)
    {
        var answering = env.PostAsync("/v1/chat/completions", PlainChat);
        await waiting.WaitForRequestsAsync(1, TimeSpan.FromSeconds(10));
        await env.Gateway.StopAsync();
        using var response = await answering;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var message = await OpenAiError.AssertShapeAsync(response);
        Assert.Contains("shutting down", message, StringComparison.Ordinal);
        var exchange = await env.Sink.NextAsync();
        Assert.False(exchange.ClientClosed, "recorded as the client's leaving");
        Assert.Equal(503, exchange.Status);
        Assert.Equal(ExchangeNote.GatewayStoppedText, exchange.ErrorNote);
    }

    private static Task<TestEnv> StartAsync(int simulators = 1) =>
        TestEnv.StartAsync(simulators: simulators, drawTicket: _ => 0, configure: sims =>
        {
            var config = TestEnv.DefaultConfig(sims);
            return config with
            {
                Server = config.Server with { ShutdownGrace = TimeSpan.FromSeconds(1) },
            };
        });
}
