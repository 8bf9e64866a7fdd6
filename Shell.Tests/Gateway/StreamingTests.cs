using System.Net;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

public class StreamingTests
{
    private const string StreamChat =
        """{"model":"m","stream":true,"messages":[{"role":"user","content":"tell me more"}]}""";
    private const string StreamChatWithUsage =
        """{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"tell me more"}]}""";

    [Fact]
    public async Task Injected_usage_chunk_is_hidden_from_a_client_that_did_not_ask()
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await env.PostAsync("/v1/chat/completions", StreamChat,
            completion: HttpCompletionOption.ResponseHeadersRead);
        var events = await SseReader.ReadEventsAsync(response);

        Assert.Contains("include_usage", env.Sim.Requests.Single().BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => SseReader.IsUsageOnly(e.Data));
        Assert.Equal("[DONE]", events[^1].Data);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"include_usage\":false}")]
    [InlineData("{\"include_obfuscation\":false}")]
    public async Task Usage_is_audited_and_hidden_when_stream_options_does_not_ask_for_it(
        string options)
    {
        await using var env = await TestEnv.StartAsync();
        var body = StreamChat[..^1] + ",\"stream_options\":" + options + "}";

        using var response = await env.PostAsync("/v1/chat/completions", body,
            completion: HttpCompletionOption.ResponseHeadersRead);
        var events = await SseReader.ReadEventsAsync(response);

        Assert.DoesNotContain(events, e => SseReader.IsUsageOnly(e.Data));
        Assert.Equal("[DONE]", events[^1].Data);
        Assert.Contains("\"include_usage\":true", env.Sim.Requests.Single().BodyText,
            StringComparison.Ordinal);
        var exchange = await env.Sink.NextAsync();
        Assert.NotNull(exchange.Usage);
        Assert.True(exchange.Usage.TotalTokens > 0);
    }

    // With include_usage, OpenAI (and the simulator) write "usage":null into every chunk: the
    // client that did not ask got them all through the gateway, and none directly.
    [Fact]
    public async Task A_client_that_did_not_ask_sees_no_usage_member_in_any_chunk()
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await env.PostAsync("/v1/chat/completions", StreamChat,
            completion: HttpCompletionOption.ResponseHeadersRead);
        var events = await SseReader.ReadEventsAsync(response);
        using var direct = await DirectAsync(env, StreamChatWithUsage);
        var upstream = await SseReader.ReadEventsAsync(direct);

        Assert.Contains(upstream, e => e.Data.Contains("\"usage\":null", StringComparison.Ordinal));
        Assert.True(events.Count > 2);
        Assert.DoesNotContain(events, e => e.Data.Contains("\"usage\"", StringComparison.Ordinal));
        Assert.All(events[..^1], e => System.Text.Json.JsonDocument.Parse(e.Data).Dispose());
        var exchange = await env.Sink.NextAsync();
        Assert.True(exchange.Usage?.TotalTokens > 0);
    }

    [Fact]
    public async Task A_client_that_asked_keeps_the_usage_member_of_every_chunk()
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await env.PostAsync("/v1/chat/completions", StreamChatWithUsage,
            completion: HttpCompletionOption.ResponseHeadersRead);
        var events = await SseReader.ReadEventsAsync(response);

        Assert.Contains(events, e => e.Data.Contains("\"usage\":null", StringComparison.Ordinal));
    }

    // The simulator asked directly, read to the end before its client goes.
    private static async Task<HttpResponseMessage> DirectAsync(TestEnv env, string body)
    {
        using var client = new HttpClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        return await client.PostAsync(
            new Uri(env.Sim.BaseUrl.AbsoluteUri.TrimEnd('/') + "/chat/completions"), content);
    }

    [Fact]
    public async Task Usage_chunk_is_kept_for_a_client_that_asked()
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await env.PostAsync("/v1/chat/completions", StreamChatWithUsage,
            completion: HttpCompletionOption.ResponseHeadersRead);
        var events = await SseReader.ReadEventsAsync(response);

        Assert.Single(events, e => SseReader.IsUsageOnly(e.Data));
        Assert.Equal(StreamChatWithUsage, env.Sim.Requests.Single().BodyText);
    }

    [Fact]
    public async Task Chunks_reach_the_client_as_they_arrive_not_buffered()
    {
        await using var env = await TestEnv.StartAsync();
        env.Sim.Options.ChunkIntervalMs = 150;
        env.Sim.Options.Chunks = 5;

        using var response = await env.PostAsync("/v1/chat/completions", StreamChat,
            completion: HttpCompletionOption.ResponseHeadersRead);
        var events = await SseReader.ReadEventsAsync(response);

        // The upstream spreads its chunks over ~750 ms; a buffering gateway would deliver them together.
        Assert.True(events[^1].At - events[0].At >= TimeSpan.FromMilliseconds(400),
            $"events arrived within {(events[^1].At - events[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Stream_fails_over_when_the_first_provider_drops_before_any_byte()
    {
        await using var env = await TestEnv.StartAsync(simulators: 2, drawTicket: _ => 0);
        env.Sims[0].Options.DropAfter = 0;

        using var response = await env.PostAsync("/v1/chat/completions", StreamChat,
            completion: HttpCompletionOption.ResponseHeadersRead);
        var events = await SseReader.ReadEventsAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[DONE]", events[^1].Data);
        Assert.Equal("sim1", (await env.Sink.NextAsync()).Provider);
    }

    [Fact]
    public async Task Mid_stream_drop_ends_the_stream_and_is_recorded_as_an_error()
    {
        await using var env = await TestEnv.StartAsync(simulators: 2, drawTicket: _ => 0);
        env.Sims[0].Options.DropAfter = 3;

        using var response = await env.PostAsync("/v1/chat/completions", StreamChat,
            completion: HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadUntilEndAsync(response);

        var exchange = await env.Sink.NextAsync();
        Assert.True(!events.Contains("[DONE]"), string.Join("\n", events) + "\n" + exchange);
        Assert.Equal(200, exchange.Status);
        Assert.False(exchange.Complete);
        Assert.Contains("mid-stream", exchange.ErrorNote, StringComparison.Ordinal);
        Assert.Equal(0, env.Sims[1].RequestCount);
    }

    [Fact]
    public async Task A_stream_the_upstream_cuts_reaches_the_client_cut_not_complete()
    {
        await using var env = await TestEnv.StartAsync();
        env.Sim.Options.DropAfter = 3;

        using var response = await env.PostAsync("/v1/chat/completions", StreamChat,
            completion: HttpCompletionOption.ResponseHeadersRead);
        var (events, cut) = await SseReader.ReadUntilEndOrCutAsync(response);

        // A clean end would tell the client (and an agent) that the answer was whole.
        Assert.True(cut, $"the body ended cleanly after {events.Count} events");
        Assert.Equal(3, events.Count);
        var exchange = await env.Sink.NextAsync();
        Assert.False(exchange.ClientClosed);
        Assert.Contains("mid-stream", exchange.ErrorNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_disconnect_cancels_the_upstream_request()
    {
        await using var env = await TestEnv.StartAsync();
        env.Sim.Options.ChunkIntervalMs = 200;
        env.Sim.Options.Chunks = 50;
        using var cts = new CancellationTokenSource();

        var response = await env.PostAsync("/v1/chat/completions", StreamChat,
            completion: HttpCompletionOption.ResponseHeadersRead, ct: cts.Token);
        var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        await stream.ReadAtLeastAsync(new byte[64], 1, throwOnEndOfStream: false, cts.Token);
        await cts.CancelAsync();
        response.Dispose();

        var aborted = await env.Sim.WaitForAbortAsync(TimeSpan.FromSeconds(10));
        Assert.True(aborted.Aborted);
        var exchange = await env.Sink.NextAsync();
        Assert.True(exchange.ClientClosed);
    }

    private static async Task<List<string>> ReadUntilEndAsync(HttpResponseMessage response)
    {
        try
        {
            return [.. (await SseReader.ReadEventsAsync(response)).Select(e => e.Data)];
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return []; // a broken connection also ends the stream without [DONE]
        }
    }
}
