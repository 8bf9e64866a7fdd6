using System.Text;
using CsCheck;
using LanguageExt;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

public class SseUsageParserTests
{
    private static SseSummary Parse(SseScenario s) => SseUsageParser.ParseAll(s.Kind, [s.Bytes]);

    [Fact]
    public void SseUsage_is_independent_of_chunk_boundaries() =>
        Gen.Select(UsageGens.AnyStream, Gen.Int[1, 64].Array[0, 16]).Sample((stream, cuts) =>
            Parse(stream) == SseUsageParser.ParseAll(stream.Kind, Chunking.Split(stream.Bytes, cuts)));

    [Fact]
    public void SseUsage_is_independent_of_one_byte_chunks() =>
        UsageGens.AnyStream.Sample(stream =>
            Parse(stream) == SseUsageParser.ParseAll(stream.Kind, Chunking.Bytewise(stream.Bytes)));

    [Fact]
    public void SseUsage_is_the_last_usage_sent() =>
        UsageGens.AnyStream.Sample(stream => Parse(stream).Usage == stream.ExpectedUsage);

    // As for Anthropic's message_stop (helper-46): a client stops reading at [DONE], so a
    // usage chunk an upstream sends after it does not change what is recorded.
    [Fact]
    public void SseUsage_after_done_changes_nothing() =>
        Gen.Select(UsageGens.ChatStream.Where(s => s.ExpectedCompleted), Gen.Int[0, 1000])
            .Sample((stream, n) =>
            {
                var tail = Encoding.UTF8.GetBytes("data: {\"choices\":[],\"usage\":"
                    + $"{{\"prompt_tokens\":{n},\"completion_tokens\":0,\"total_tokens\":{n}}}}}\n\n");
                return SseUsageParser.ParseAll(stream.Kind, [stream.Bytes, tail]) == Parse(stream);
            });

    [Fact]
    public void SseUsage_is_none_without_usage() =>
        UsageGens.ChatStreamWithoutUsage.Sample(stream => Parse(stream).Usage.IsNone);

    [Fact]
    public void SseUsage_survives_a_malformed_event_between_two_good_ones() =>
        Gen.Select(UsageGens.ChatStream, UsageGens.MalformedUsageEvent, UsageGens.ChatStream)
            .Where((first, _, second) => second.ExpectedUsage.IsSome)
            .Sample((first, bad, second) =>
            {
                var stream = first with
                {
                    Events = [.. first.Events.Where(e => !e.Terminal), bad, .. second.Events],
                };
                return Parse(stream).Usage == second.ExpectedUsage;
            });

    [Fact]
    public void SseUsage_finds_response_completed_usage() =>
        ResponsesGens.CompletedStream.Sample(stream =>
            Parse(stream).Usage == stream.Events[^1].Usage && stream.Events[^1].Usage.IsSome);

    [Fact]
    public void SseUsage_of_a_compaction_streamed_as_response_events_is_read_without_its_id() =>
        // responses/compact has no stream; should an upstream stream it, it would speak these.
        ResponsesGens.CompletedStream.Sample(stream =>
        {
            var compaction = Parse(stream with { Kind = EndpointKind.ResponsesCompact });
            var response = Parse(stream);
            return compaction.Usage == response.Usage && compaction.Usage.IsSome
                && compaction.Completed && response.ResponseId is not null
                && compaction.ResponseId is null;
        });

    [Fact]
    public void SseCompleted_iff_end_marker_present() =>
        UsageGens.AnyStream.Sample(stream => Parse(stream).Completed == stream.ExpectedCompleted);

    [Fact]
    public void Step_leaves_its_input_state_unchanged() =>
        Gen.Select(UsageGens.AnyStream, Gen.Int[0, 100]).Sample((stream, percent) =>
        {
            var bytes = stream.Bytes;
            var cut = bytes.Length * percent / 100;
            var middle = SseUsageParser.Step(SseUsageParser.Start(stream.Kind), bytes.AsSpan(0, cut));
            var before = SseUsageParser.Finish(middle);

            SseUsageParser.Step(middle, bytes.AsSpan(cut));

            return SseUsageParser.Finish(middle) == before;
        });

    [Fact]
    public void Step_crlf_split_between_chunks_is_one_line_ending()
    {
        // Were the LF read as a second line ending, the blank line would cut the event in two.
        var chunks = Chunks("data: {\"choices\":[],\r",
            "\ndata: \"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}\r",
            "\n\r", "\ndata: [DONE]\r", "\n\r\n");

        var actual = SseUsageParser.ParseAll(EndpointKind.ChatCompletions, chunks);

        Assert.Equal(new SseSummary(new TokenUsage(3, 4, 7, null, null), true), actual);
    }

    [Fact]
    public void Finish_multi_line_data_is_joined()
    {
        var chunks = Chunks("data: {\"choices\":[],\n", "data: \"usage\":{\"prompt_tokens\":1,\n",
            "data: \"completion_tokens\":2}}\n\n");

        var actual = SseUsageParser.ParseAll(EndpointKind.ChatCompletions, chunks);

        Assert.Equal(new TokenUsage(1, 2, 3, null, null), actual.Usage);
    }

    // helper-97: Moonshot/Kimi put a stream's usage in its last chunk's `choices[0].usage`,
    // older Groq streams in `x_groq.usage`: both were audited with no usage and no cost. A root
    // `usage` wins over either; the last chunk's usage wins over earlier ones, as at the root.
    [Theory]
    [InlineData("""{"id":"c","object":"chat.completion.chunk","model":"moonshot-v1-8k","choices":[{"index":0,"delta":{},"finish_reason":"stop","usage":{"prompt_tokens":39,"completion_tokens":211,"total_tokens":250,"cached_tokens":30}}]}""", 39L, 211L, 30L)]
    [InlineData("""{"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"x_groq":{"id":"req_1","usage":{"queue_time":0.16,"prompt_tokens":20,"completion_tokens":4,"total_tokens":24}}}""", 20L, 4L, null)]
    [InlineData("""{"choices":[{"delta":{},"usage":{"prompt_tokens":1,"completion_tokens":1}}],"usage":{"prompt_tokens":7,"completion_tokens":3}}""", 7L, 3L, null)]
    [InlineData("""{"usage":{"prompt_tokens":7,"completion_tokens":3},"x_groq":{"usage":{"prompt_tokens":1,"completion_tokens":1}}}""", 7L, 3L, null)]
    [InlineData("""{"choices":[1,{"usage":{"prompt_tokens":1,"completion_tokens":1}}]}""", null, null, null)]
    [InlineData("""{"choices":[],"x_groq":[{"usage":{"prompt_tokens":1}}]}""", null, null, null)]
    public void Usage_elsewhere_in_a_chat_chunk_is_read_when_the_root_has_none(
        string last, long? prompt, long? completion, long? cached)
    {
        var chunks = Chunks(
            "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"},\"usage\":{\"prompt_tokens\":2}}]}\n\n",
            $"data: {last}\n\n", "data: [DONE]\n\n");

        var actual = SseUsageParser.ParseAll(EndpointKind.ChatCompletions, chunks).Usage;

        var expected = prompt is null ? new TokenUsage(2, 0, 2, null, null)
            : new TokenUsage(prompt.Value, completion!.Value,
                prompt.Value + completion.Value, cached, null);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Finish_usage_null_chunks_give_none()
    {
        var chunks = Chunks("data: {\"choices\":[{\"delta\":{}}],\"usage\":null}\n\n", "data: [DONE]\n\n");

        var actual = SseUsageParser.ParseAll(EndpointKind.ChatCompletions, chunks);

        Assert.Equal(new SseSummary(Option<TokenUsage>.None, true), actual);
    }

    [Fact]
    public void Finish_last_line_without_terminator_still_counts()
    {
        var chunks = Chunks("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5}}\n\ndata:[DONE]");

        var actual = SseUsageParser.ParseAll(EndpointKind.ChatCompletions, chunks);

        Assert.Equal(new SseSummary(new TokenUsage(5, 0, 5, null, null), true), actual);
    }

    [Fact]
    public void Finish_truncated_response_completed_is_not_completed()
    {
        var chunks = Chunks("event: response.completed\n",
            "data: {\"type\":\"response.completed\",\"response\":{\"usage\":{\"input_tokens\":5");

        var actual = SseUsageParser.ParseAll(EndpointKind.Responses, chunks);

        Assert.Equal(new SseSummary(Option<TokenUsage>.None, false), actual);
    }

    [Fact]
    public void Finish_passthrough_reads_no_usage()
    {
        var chunks = Chunks("data: {\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}\n\n");

        var actual = SseUsageParser.ParseAll(EndpointKind.Passthrough, chunks);

        Assert.True(actual.Usage.IsNone);
    }

    internal static ReadOnlyMemory<byte>[] Chunks(params string[] parts) =>
        [.. parts.Select(p => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(p))];

    // An error reported inside a 200 stream makes it no answer, even when [DONE] follows.
    [Theory]
    [InlineData(EndpointKind.ChatCompletions,
        "data: {\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}\n\ndata: [DONE]\n\n",
        "upstream error event mid-stream: server_error: boom")]
    [InlineData(EndpointKind.ChatCompletions,
        "data: {\"choices\":[]}\n\nevent: error\ndata: {\"message\":\"overloaded\"}\n\n",
        "upstream error event mid-stream: overloaded")]
    [InlineData(EndpointKind.ChatCompletions, "event: error\ndata: oops\n\n",
        "upstream error event mid-stream")]
    [InlineData(EndpointKind.Responses,
        "data: {\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}\n\n",
        "upstream error event mid-stream: rate_limit_exceeded: slow down")]
    [InlineData(EndpointKind.Responses,
        "data: {\"type\":\"response.failed\",\"response\":{\"error\":{\"code\":\"server_error\",\"message\":\"x\"}}}\n\n",
        "upstream error event mid-stream: server_error: x")]
    [InlineData(EndpointKind.ChatCompletions,
        "data: {\"choices\":[{\"delta\":{\"content\":\"an \\\"error\\\" here\"}}]}\n\ndata: [DONE]\n\n", null)]
    [InlineData(EndpointKind.ChatCompletions,
        "data: {\"choices\":[{\"delta\":{\"tool\":{\"error\":1}}}]}\n\ndata: [DONE]\n\n", null)]
    public void An_error_reported_in_the_stream_is_its_error(
        EndpointKind kind, string stream, string? expected)
    {
        var actual = SseUsageParser.ParseAll(kind, [System.Text.Encoding.UTF8.GetBytes(stream)]);

        Assert.Equal(expected, actual.Error);
    }

    // The first error a stream reports is its error: a later one does not replace it.
    [Fact]
    public void The_first_error_in_the_stream_is_kept()
    {
        var stream = "data: {\"error\":{\"message\":\"first\",\"type\":\"server_error\"}}\n\n"
            + "data: {\"error\":{\"message\":\"second\",\"type\":\"server_error\"}}\n\n";

        var actual = SseUsageParser.ParseAll(EndpointKind.ChatCompletions,
            [System.Text.Encoding.UTF8.GetBytes(stream)]);

        Assert.Equal("upstream error event mid-stream: server_error: first", actual.Error);
    }

    [Theory]
    [InlineData("{\"type\":\"response.created\",\"response\":{\"id\":\"r\",\"error\":null}}", false)]
    [InlineData("{\"error\" : {\"message\":\"x\"}}", true)]
    [InlineData("{\"error\":\"boom\"}", true)]
    [InlineData("{\"type\":\"error\",\"code\":\"x\"}", true)]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":\"an error\"}}]}", false)]
    public void Only_a_possible_error_is_parsed(string data, bool parsed) =>
        Assert.Equal(parsed, SseErrorReader.MightReport(System.Text.Encoding.UTF8.GetBytes(data)));

    // A response cut at max_output_tokens, or a chat stream whose server never sends [DONE],
    // ended as an answer: no error note. Only the end marker makes it cacheable (SPEC §7).
    [Theory]
    [InlineData(EndpointKind.ChatCompletions,
        "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n", true)]
    [InlineData(EndpointKind.ChatCompletions,
        "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n", false)]
    [InlineData(EndpointKind.Completions,
        "data: {\"choices\":[{\"text\":\"x\",\"finish_reason\": \"length\"}]}\n\n", true)]
    // Two choices (n = 2) finish in two events: the second does not undo the first.
    [InlineData(EndpointKind.ChatCompletions,
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
        + "data: {\"choices\":[{\"index\":1,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
        true)]
    public void A_finish_reason_ends_the_answer_but_not_the_stream(
        EndpointKind kind, string stream, bool finished)
    {
        var actual = SseUsageParser.ParseAll(kind, [System.Text.Encoding.UTF8.GetBytes(stream)]);

        Assert.Equal((false, finished), (actual.Completed, actual.Finished));
    }

    [Fact]
    public void A_response_cut_at_its_token_limit_ends_the_answer_not_the_stream()
    {
        var stream = "event: response.incomplete\ndata: {\"type\":\"response.incomplete\","
            + "\"response\":{\"id\":\"r\",\"status\":\"incomplete\",\"usage\":null}}\n\n";

        var actual = SseUsageParser.ParseAll(EndpointKind.Responses,
            [System.Text.Encoding.UTF8.GetBytes(stream)]);

        Assert.False(actual.Completed);
        Assert.True(actual.Finished);
        Assert.Null(actual.Error);
    }
}
