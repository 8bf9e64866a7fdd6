using System.Net;
using Menshen.Core.Caching;
using Menshen.Core.Exchanges;
using Menshen.Shell.Tests.Support;
using static Menshen.Shell.Tests.Messages.AnthropicGateway;

namespace Menshen.Shell.Tests.Messages;

/// Messages API streams: relayed event by event, complete (cacheable) only after message_stop,
/// a mid-stream `error` event recorded as the exchange's error; the cache keyed on the body.
public class AnthropicStreamTests
{
    private static Task<TestEnv> CachedAsync() => StartAsync(adjust: c => c.WithCache());

    [Fact]
    public async Task A_mid_stream_error_event_is_recorded_as_the_exchanges_error_and_not_cached()
    {
        await using var env = await CachedAsync();

        using var response = await env.MessagesAsync(StreamHello, h => h.Add("x-sim-error-after", "3"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("event: error", text, StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", text, StringComparison.Ordinal);
        var actual = await env.Sink.NextAsync();
        Assert.Equal(200, actual.Status);
        Assert.Equal(NoteKind.UpstreamErrorEvent, actual.Note.Kind);
        Assert.Equal(ErrorClass.Upstream, actual.Note.Class);
        Assert.StartsWith("upstream error event mid-stream: overloaded_error", actual.ErrorNote, StringComparison.Ordinal);
        Assert.False(actual.Complete);
        Assert.False(actual.CacheEligible);
        using var again = await env.MessagesAsync(StreamHello);
        Assert.Equal("MISS", again.Headers.GetValues("X-Cache").Single());
    }

    [Fact]
    public async Task A_repeated_message_is_a_cache_hit_with_the_same_bytes_and_one_upstream_call()
    {
        await using var env = await CachedAsync();

        using var first = await env.MessagesAsync(StreamHello);
        var original = await first.Content.ReadAsByteArrayAsync();
        using var second = await env.MessagesAsync(StreamHello);
        var replayed = await second.Content.ReadAsByteArrayAsync();

        Assert.Equal(("MISS", "HIT"), (first.Headers.GetValues("X-Cache").Single(), second.Headers.GetValues("X-Cache").Single()));
        Assert.Equal(original, replayed);
        Assert.Equal(1, env.Sim.RequestCount);
        var miss = await env.Sink.NextAsync();
        var hit = await env.Sink.NextAsync();
        Assert.Equal(CacheStatus.Hit, hit.Cache);
        Assert.Equal(miss.Usage, hit.Usage);
    }

    [Fact]
    public async Task A_repeated_json_message_is_a_cache_hit()
    {
        await using var env = await CachedAsync();

        using var first = await env.MessagesAsync(Hello);
        using var second = await env.MessagesAsync(Hello);

        Assert.Equal("HIT", second.Headers.GetValues("X-Cache").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, env.Sim.RequestCount);
    }

    [Fact]
    public async Task A_stream_the_upstream_cuts_reaches_the_client_cut_without_message_stop()
    {
        await using var env = await StartAsync();
        env.Sim.Options.DropAfter = 3;

        using var response = await env.MessagesAsync(StreamHello,
            completion: HttpCompletionOption.ResponseHeadersRead);
        var (events, cut) = await SseReader.ReadUntilEndOrCutAsync(response);

        Assert.True(cut, $"the body ended cleanly after {events.Count} events");
        Assert.DoesNotContain(events, e => e.Data.Contains("message_stop", StringComparison.Ordinal));
        Assert.Contains("mid-stream", (await env.Sink.NextAsync()).ErrorNote,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_stream_is_not_cached()
    {
        await using var env = await CachedAsync();
        env.Sim.Options.DropAfter = 3;

        using (var dropped = await env.MessagesAsync(StreamHello, completion: HttpCompletionOption.ResponseHeadersRead))
        {
            try
            {
                await dropped.Content.ReadAsByteArrayAsync();
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                // the gateway may end a cut stream with a broken connection
            }
        }
        var first = await env.Sink.NextAsync();
        env.Sim.Options.DropAfter = null;
        using var again = await env.MessagesAsync(StreamHello);

        Assert.False(first.Complete);
        Assert.NotNull(first.ErrorNote);
        Assert.Equal("MISS", again.Headers.GetValues("X-Cache").Single());
        Assert.Equal(2, env.Sim.RequestCount);
    }

    [Fact]
    public async Task Events_are_relayed_as_they_come_before_the_stream_ends()
    {
        await using var env = await StartAsync();
        env.Sim.Options.ChunkIntervalMs = 200;

        using var response = await env.MessagesAsync(StreamHello, completion: HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[4096];
        var read = await body.ReadAsync(buffer);

        Assert.True(read > 0);
        Assert.StartsWith("event: message_start", System.Text.Encoding.UTF8.GetString(buffer, 0, read), StringComparison.Ordinal);
        Assert.False(env.Sim.Requests.Single().Finished);
    }
}
