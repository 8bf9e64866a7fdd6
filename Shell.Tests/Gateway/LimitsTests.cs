using System.Net;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

public class LimitsTests
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hello"}]}""";
    private const string StreamChat = """{"model":"m","stream":true,"messages":[{"role":"user","content":"hello"}]}""";

    [Fact]
    public async Task Body_over_the_limit_is_a_413()
    {
        await using var env = await TestEnv.StartAsync(configure: sims => TestEnv.DefaultConfig(sims) with
        {
            Server = TestConfigs.With().Server with { MaxRequestBodyBytes = 1024 },
        });
        var big = $$"""{"model":"m","messages":[{"role":"user","content":"{{new string('a', 4096)}}"}]}""";

        using var response = await env.PostAsync("/v1/chat/completions", big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await OpenAiError.AssertShapeAsync(response);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    [Fact]
    public async Task Upstream_slow_to_send_headers_gives_504()
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
            TestEnv.DefaultConfig(sims).WithTimeout(TimeSpan.FromMilliseconds(300)));
        env.Sim.Options.HeaderDelayMs = 3000;

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        await OpenAiError.AssertShapeAsync(response);
    }

    [Fact]
    public async Task Upstream_idle_before_the_first_chunk_gives_504()
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
            TestEnv.DefaultConfig(sims).WithTimeout(TimeSpan.FromMilliseconds(300)));
        env.Sim.Options.ChunkIntervalMs = 3000;

        using var response = await env.PostAsync("/v1/chat/completions", StreamChat);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    [Fact]
    public async Task Upstream_idle_mid_stream_ends_the_stream_and_is_audited_as_an_error()
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
            TestEnv.DefaultConfig(sims).WithTimeout(TimeSpan.FromMilliseconds(400)));
        var started = DateTime.UtcNow;

        using var response = await env.PostAsync("/v1/chat/completions", StreamChat, headers: h =>
        {
            h.Add("x-sim-stall-after", "3");
            h.Add("x-sim-stall-ms", "5000");
        }, completion: HttpCompletionOption.ResponseHeadersRead);
        var (events, cut) = await SseReader.ReadUntilEndOrCutAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // committed before the gap
        Assert.Equal(3, events.Count);                        // what came before the gap reached the client
        Assert.True(cut, "the stream ended cleanly, as if complete");
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), "the stream waited out the stall");
        var exchange = await env.Sink.NextAsync();
        Assert.False(exchange.Complete);
        Assert.Contains("timeout", exchange.ErrorNote ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Long_steady_stream_is_not_cut_by_the_timeout()
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
            TestEnv.DefaultConfig(sims).WithTimeout(TimeSpan.FromSeconds(2)));
        env.Sim.Options.ChunkIntervalMs = 300;
        env.Sim.Options.Chunks = 10; // ~3.6 s in all: longer than the timeout, but no gap is

        using var response = await env.PostAsync("/v1/chat/completions", StreamChat,
            completion: HttpCompletionOption.ResponseHeadersRead);
        var events = await SseReader.ReadEventsAsync(response);

        var exchange = await env.Sink.NextAsync();
        Assert.True(events.Count > 0 && events[^1].Data == "[DONE]",
            $"{exchange.Status} {exchange.ErrorNote} {string.Join(",", exchange.Attempts)} after {events.Count} events");
        Assert.True(exchange.Complete);
    }
}
