using System.Net;
using System.Text;
using System.Text.Json;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Simulator;

/// <summary>The Messages API event stream: Anthropic's event sequence, usage, tool input deltas, failures.</summary>
public class SimulatorMessagesStreamTests : SimulatorTestBase
{
    private static readonly string HelloStream = SimulatorMessagesTests.Hello.Replace(
        "\"max_tokens\":64", "\"max_tokens\":64,\"stream\":true", StringComparison.Ordinal);

    private static readonly string ToolsStream = SimulatorMessagesTests.WithTools.Replace(
        "\"max_tokens\":64", "\"max_tokens\":64,\"stream\":true", StringComparison.Ordinal);

    [Fact]
    public async Task Stream_is_the_standard_event_sequence_with_matching_names_and_types()
    {
        var (response, body) = await SendAsync(Post("messages", HelloStream));
        var actual = SseEvent.ParseAll(body);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        string[] expected = ["message_start", "content_block_start", "ping",
            .. Enumerable.Repeat("content_block_delta", Sim.Options.Chunks),
            "content_block_stop", "message_delta", "message_stop"];
        Assert.Equal(expected, actual.Select(e => e.Name));
        Assert.All(actual, e => Assert.Equal(e.Name, Parse(e.Data).GetProperty("type").GetString()));
        Assert.DoesNotContain(actual, e => e.Data == "[DONE]");
    }

    [Fact]
    public async Task Stream_text_deltas_concatenate_to_the_text_and_final_usage_is_exact()
    {
        var expected = SimulatedUsage.For(HelloStream, Sim.Options.Chunks, cachedTokens: 2) with
        {
            CacheWrite5mTokens = 5,
        };

        var (_, body) = await SendAsync(Post("messages", HelloStream,
            ("x-sim-cached-tokens", "2"), ("x-sim-cache-write-tokens", "5")));
        var events = SseEvent.ParseAll(body);

        var start = Parse(events[0].Data).GetProperty("message").GetProperty("usage");
        var delta = Parse(events.Single(e => e.Name == "message_delta").Data);
        Assert.Equal(expected with { CompletionTokens = 1 }, SimulatorMessagesTests.UsageOf(start));
        Assert.Equal(expected, SimulatorMessagesTests.UsageOf(delta.GetProperty("usage")));
        Assert.Equal("end_turn", delta.GetProperty("delta").GetProperty("stop_reason").GetString());
        var text = string.Concat(Deltas(events, "text"));
        Assert.Equal(Sim.Options.Chunks, SimulatedUsage.CountWords(text));
    }

    [Fact]
    public async Task Stream_with_tools_sends_a_tool_use_block_whose_input_json_deltas_parse()
    {
        var (_, body) = await SendAsync(Post("messages", ToolsStream));
        var events = SseEvent.ParseAll(body);

        var starts = events.Where(e => e.Name == "content_block_start")
            .Select(e => Parse(e.Data).GetProperty("content_block")).ToArray();
        Assert.Equal(["text", "tool_use"], starts.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("get_weather", starts[1].GetProperty("name").GetString());
        var input = string.Concat(Deltas(events, "partial_json"));
        Assert.Equal(JsonValueKind.Object, Parse(input).ValueKind);
        var delta = Parse(events.Single(e => e.Name == "message_delta").Data);
        Assert.Equal("tool_use", delta.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal(2, events.Count(e => e.Name == "content_block_stop"));
    }

    [Fact]
    public async Task Error_after_header_ends_the_stream_with_an_error_event_and_no_message_stop()
    {
        var (response, body) = await SendAsync(Post("messages", HelloStream, ("x-sim-error-after", "4")));
        var actual = SseEvent.ParseAll(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, actual.Count);
        Assert.Equal("error", actual[^1].Name);
        var error = Parse(actual[^1].Data);
        Assert.Equal("overloaded_error", error.GetProperty("error").GetProperty("type").GetString());
        Assert.DoesNotContain(actual, e => e.Name == "message_stop");
    }

    [Fact]
    public async Task Drop_after_cuts_a_messages_stream()
    {
        using var request = Post("messages", HelloStream, ("x-sim-drop-after", "2"));
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();

        await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(received));

        var actual = SseEvent.ParseAll(Encoding.UTF8.GetString(received.ToArray()));
        Assert.Equal(["message_start", "content_block_start"], actual.Select(e => e.Name));
        Assert.True(Sim.Requests.Single().DroppedBySimulator);
    }

    private static IEnumerable<string?> Deltas(IReadOnlyList<SseEvent> events, string field) =>
        events.Where(e => e.Name == "content_block_delta")
            .Select(e => Parse(e.Data).GetProperty("delta"))
            .Where(d => d.TryGetProperty(field, out _))
            .Select(d => d.GetProperty(field).GetString());
}
