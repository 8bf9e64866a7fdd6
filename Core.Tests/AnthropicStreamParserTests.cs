using CsCheck;
using Menshen.Core.Dialects.Anthropic;

namespace Menshen.Core.Tests;

public class AnthropicStreamParserTests
{
    private static AnthropicStreamSummary Parse(AnthropicScenario s) => AnthropicStreamParser.ParseAll([s.Bytes]);

    [Fact]
    public void AnthropicStream_is_independent_of_chunk_boundaries() =>
        Gen.Select(AnthropicGens.Stream, Gen.Int[1, 64].Array[0, 16]).Sample((stream, cuts) =>
            Parse(stream) == AnthropicStreamParser.ParseAll(Chunking.Split(stream.Bytes, cuts)));

    [Fact]
    public void AnthropicStream_is_independent_of_one_byte_chunks() =>
        AnthropicGens.Stream.Sample(stream =>
            Parse(stream) == AnthropicStreamParser.ParseAll(Chunking.Bytewise(stream.Bytes)), iter: 200);

    [Fact]
    public void AnthropicStream_usage_is_the_last_value_of_each_field() =>
        AnthropicGens.Stream.Sample(stream => Parse(stream).Usage == stream.Usage);

    [Fact]
    public void AnthropicStream_missing_fields_stay_unknown() =>
        AnthropicGens.Stream.Sample(stream =>
        {
            var actual = Parse(stream).Usage;

            return (actual.InputTokens is null) == (stream.Usage.InputTokens is null)
                && (actual.CacheReadInputTokens is null) == (stream.Usage.CacheReadInputTokens is null)
                && (actual.Ephemeral1hInputTokens is null) == (stream.Usage.Ephemeral1hInputTokens is null);
        });

    [Fact]
    public void AnthropicStream_is_complete_only_after_message_stop_without_error() =>
        AnthropicGens.Stream.Sample(stream =>
            Parse(stream).Complete == stream.Complete && Parse(stream).Error == stream.Error);

    [Fact]
    public void AnthropicStream_cut_before_its_end_is_not_complete() =>
        Gen.Select(AnthropicGens.Stream, Gen.Double[0, 1]).Sample((stream, at) =>
        {
            var stop = System.Text.Encoding.UTF8.GetBytes("{\"type\":\"message_stop\"}");
            var end = stream.Bytes.AsSpan().LastIndexOf(stop);
            var cut = (int)(at * (end < 0 ? stream.Bytes.Length : end + stop.Length - 1));

            return !AnthropicStreamParser.ParseAll([stream.Bytes.AsMemory(0, cut)]).Complete;
        });

    [Fact]
    public void AnthropicStream_never_throws_on_arbitrary_bytes() =>
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            _ = AnthropicStreamParser.ParseAll(Chunking.Split(bytes, [7, 13]));
        });

    [Fact]
    public void AnthropicStream_drops_an_event_over_the_limit_whatever_the_chunks()
    {
        var big = new string('a', AnthropicStreamParser.MaxEventBytes);
        var bytes = System.Text.Encoding.UTF8.GetBytes(
            $"data: {{\"type\":\"message_delta\",\"usage\":{{\"output_tokens\":9}},\"pad\":\"{big}\"}}\n\n"
            + "data: {\"type\":\"message_delta\",\"usage\":{\"input_tokens\":4}}\n\n"
            + "data: {\"type\":\"message_stop\"}\n\n");

        var whole = AnthropicStreamParser.ParseAll([bytes]);
        var actual = AnthropicStreamParser.ParseAll(Chunking.Split(bytes, [1000, 3_000_000, 2_000_000, 5]));

        Assert.Equal(whole, actual);
        Assert.Equal(new AnthropicUsage(4, null, null, null, null, null), actual.Usage);
        Assert.True(actual.Complete);
    }

    // helper-46: a hostile upstream sent a message_delta with every count 0 after
    // message_stop, and the audit recorded 0. The message ended at message_stop: usage after it
    // changes nothing. helper-48: an error event after it still does (the SDKs raise on it).
    [Fact]
    public void AnthropicStream_ignores_usage_after_message_stop_but_not_an_error() =>
        Gen.Select(AnthropicGens.Stream.Where(s => s.Complete), Gen.Int[0, 1000])
            .Sample((stream, n) =>
            {
                var usage = System.Text.Encoding.UTF8.GetBytes(
                    "data: {\"type\":\"message_delta\",\"usage\":{\"input_tokens\":" + n
                    + ",\"output_tokens\":0,\"cache_read_input_tokens\":0}}\n\n");
                var error = System.Text.Encoding.UTF8.GetBytes(
                    "data: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}\n\n");
                var withUsage = AnthropicStreamParser.ParseAll([stream.Bytes, usage]);
                var withError = AnthropicStreamParser.ParseAll([stream.Bytes, usage, error]);
                return withUsage == Parse(stream)
                    && withError.Usage == Parse(stream).Usage && !withError.Complete
                    && withError.Error is { Type: "overloaded_error" };
            });

    // The first error event is the stream's error: a later one does not replace it.
    [Fact]
    public void The_first_error_event_is_kept()
    {
        static ReadOnlyMemory<byte> Error(string type) => System.Text.Encoding.UTF8.GetBytes(
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"" + type
            + "\",\"message\":\"m\"}}\n\n");

        var actual = AnthropicStreamParser.ParseAll(
            [Error("overloaded_error"), Error("api_error")]);

        Assert.Equal("overloaded_error", actual.Error?.Type);
    }
}
