using System.Net;
using System.Text;
using System.Text.Json;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Simulator;

public class SimulatorStreamTests : SimulatorTestBase
{
    private const string ChatStream =
        """{"model":"gpt-test","stream":true,"messages":[{"role":"user","content":"count to five"}]}""";

    private const string ChatStreamWithUsage =
        """{"model":"gpt-test","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"count to five"}]}""";

    [Fact]
    public async Task ChatCompletions_stream_without_include_usage_has_no_usage_chunk_and_ends_with_DONE()
    {
        var (response, body) = await SendAsync(Post("chat/completions", ChatStream));
        var actual = SseEvent.ParseAll(body);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[DONE]", actual[^1].Data);
        var chunks = actual.SkipLast(1).Select(e => Parse(e.Data)).ToArray();
        Assert.Equal(Sim.Options.Chunks + 1, chunks.Length);
        Assert.All(chunks, c => Assert.False(c.TryGetProperty("usage", out _)));
        var firstDelta = chunks[0].GetProperty("choices")[0].GetProperty("delta");
        Assert.Equal("assistant", firstDelta.GetProperty("role").GetString());
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ChatCompletions_stream_with_include_usage_has_one_usage_chunk_before_DONE()
    {
        var expected = SimulatedUsage.For(ChatStreamWithUsage, Sim.Options.Chunks);

        var (_, body) = await SendAsync(Post("chat/completions", ChatStreamWithUsage));
        var actual = SseEvent.ParseAll(body);

        Assert.Equal("[DONE]", actual[^1].Data);
        var chunks = actual.SkipLast(1).Select(e => Parse(e.Data)).ToArray();
        var usageChunks = chunks.Where(c => c.GetProperty("choices").GetArrayLength() == 0).ToArray();
        Assert.Single(usageChunks);
        Assert.Equal(usageChunks[0], chunks[^1]);
        Assert.Equal(expected, SimulatorEndpointTests.UsageOf(chunks[^1].GetProperty("usage")));
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
    }

    [Fact]
    public async Task Completions_stream_with_include_usage_reports_SimulatedUsage()
    {
        const string request = """{"model":"davinci","prompt":"once upon a time","stream":true,"stream_options":{"include_usage":true}}""";
        var expected = SimulatedUsage.For(request, 3);

        var (_, body) = await SendAsync(Post("completions", request, ("x-sim-chunks", "3")));
        var actual = SseEvent.ParseAll(body);

        Assert.Equal("[DONE]", actual[^1].Data);
        var usage = Parse(actual[^2].Data).GetProperty("usage");
        Assert.Equal(expected, SimulatorEndpointTests.UsageOf(usage));
    }

    [Fact]
    public async Task Responses_stream_ends_with_completed_carrying_usage()
    {
        const string request = """{"model":"gpt-resp","stream":true,"input":"tell me a story"}""";
        var expected = SimulatedUsage.For(request, Sim.Options.Chunks, cachedTokens: 1);

        var (_, body) = await SendAsync(Post("responses", request, ("x-sim-cached-tokens", "1")));
        var actual = SseEvent.ParseAll(body);

        Assert.Equal("response.created", actual[0].Name);
        Assert.Equal("response.completed", actual[^1].Name);
        Assert.DoesNotContain(actual, e => e.Data == "[DONE]");
        var completed = Parse(actual[^1].Data).GetProperty("response");
        var usage = completed.GetProperty("usage");
        Assert.Equal(expected.PromptTokens, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(expected.CompletionTokens, usage.GetProperty("output_tokens").GetInt32());
        Assert.Equal(expected.TotalTokens, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(1, usage.GetProperty("input_tokens_details").GetProperty("cached_tokens").GetInt32());
        var deltas = actual.Where(e => e.Name == "response.output_text.delta")
            .Select(e => Parse(e.Data).GetProperty("delta").GetString());
        var text = completed.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString();
        Assert.Equal(text, string.Concat(deltas));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Stream_with_drop_after_is_truncated_and_not_counted_as_client_abort(int dropAfter)
    {
        using var request = Post("chat/completions", ChatStream, ("x-sim-drop-after", $"{dropAfter}"));
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();

        var actual = await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(received));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(dropAfter, SseEvent.ParseAll(Encoding.UTF8.GetString(received.ToArray())).Count);
        Assert.Equal(0, Sim.AbortedCount);
        Assert.True(Sim.Requests.Single().DroppedBySimulator);
    }

    [Fact]
    public async Task Json_reply_with_drop_after_is_cut_short_of_its_content_length()
    {
        using var request = Post("chat/completions", """{"model":"m"}""", ("x-sim-drop-after", "0"));
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();

        await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(received));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(received.Length < response.Content.Headers.ContentLength);
        Assert.True(Sim.Requests.Single().DroppedBySimulator);
    }
}
