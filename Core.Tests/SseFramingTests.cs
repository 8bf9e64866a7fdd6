using System.Text;
using CsCheck;
using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class SseFramingTests
{
    [Fact]
    public void FindEventEnd_reframing_a_stream_split_anywhere_gives_the_same_events() =>
        Gen.Select(RoutingGens.SseEvents, Gen.Int[1, 40].Array[0, 12]).Sample((events, cuts) =>
        {
            var stream = Encoding.UTF8.GetBytes(string.Concat(events));

            var actual = Frame(Split(stream, cuts));

            return actual.SequenceEqual(Frame([stream]));
        });

    [Fact]
    public void FindEventEnd_frames_each_generated_event() =>
        RoutingGens.SseEvents.Sample(events =>
        {
            var actual = Frame([Encoding.UTF8.GetBytes(string.Concat(events))]);

            return actual.SequenceEqual(events);
        });

    // The relay's filter resumes the search at LastLineStart instead of rescanning a held event
    // from its start; that must find exactly the end a search from the start finds.
    [Fact]
    public void LastLineStart_resumes_the_search_where_a_full_search_would_find_the_end() =>
        Gen.Select(RoutingGens.SseEvents, Gen.Int[0, 400], Gen.Int[0, 400]).Sample((events, a, b) =>
        {
            var stream = Encoding.UTF8.GetBytes(string.Concat(events));
            var held = stream.AsSpan(0, Math.Min(a, stream.Length));
            if (SseFraming.FindEventEnd(held) >= 0) return true;
            var more = stream.AsSpan(0, Math.Min(held.Length + b, stream.Length));

            var from = SseFraming.LastLineStart(held);
            var resumed = SseFraming.FindEventEnd(more[from..]);

            return (resumed < 0 ? -1 : from + resumed) == SseFraming.FindEventEnd(more);
        });

    [Fact]
    public void FindEventEnd_every_strict_prefix_of_an_event_is_incomplete() =>
        RoutingGens.SseEvent.Sample(sseEvent =>
        {
            var bytes = Encoding.UTF8.GetBytes(sseEvent);

            return Enumerable.Range(0, bytes.Length)
                .All(n => SseFraming.FindEventEnd(bytes.AsSpan(0, n)) == -1);
        });

    [Theory]
    [InlineData("data: a\n\ndata: b\n\n", 9)]
    [InlineData("data: a\r\n\r\ndata: b", 11)]
    [InlineData("data: a\r\rdata: b", 9)]
    [InlineData("data: a\r\n\n", 10)]
    [InlineData("data: a\n\r\n", 10)]
    [InlineData("data: a\r\n\r", -1)]
    [InlineData("data: a\r\r", -1)]
    [InlineData("data: a\r\n", -1)]
    [InlineData("\n", 1)]
    [InlineData("", -1)]
    public void FindEventEnd_example_gives_index(string text, int expected)
    {
        var actual = SseFraming.FindEventEnd(Encoding.UTF8.GetBytes(text));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void IsUsageOnlyChunk_empty_choices_and_usage_object_is_true() =>
        RoutingGens.UsageOnlyEvent.Sample(sseEvent =>
            SseFraming.IsUsageOnlyChunk(Encoding.UTF8.GetBytes(sseEvent)));

    [Fact]
    public void IsUsageOnlyChunk_other_chunks_are_false() =>
        RoutingGens.OtherChunkEvent.Sample(sseEvent =>
            !SseFraming.IsUsageOnlyChunk(Encoding.UTF8.GetBytes(sseEvent)));

    // Every event of a stream whose usage the gateway asked for is tested: no data may make the
    // reader throw (an exception is dear on that path).
    [Theory]
    [InlineData("data: [DONE]\n\n")]
    [InlineData(": keep-alive\n\n")]
    [InlineData("data: not json\n\n")]
    public void IsUsageOnlyChunk_throws_nothing_inside_for_data_that_is_no_object(string sseEvent)
    {
        var thread = Environment.CurrentManagedThreadId;
        var thrown = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread) thrown++;
        }
        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            Assert.False(SseFraming.IsUsageOnlyChunk(Encoding.UTF8.GetBytes(sseEvent)));
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Assert.Equal(0, thrown);
    }

    [Theory]
    [InlineData("data: [DONE]\n\n", false)]
    [InlineData(": keep-alive\n\n", false)]
    [InlineData("event: ping\n\n", false)]
    [InlineData("data: {\"choices\":[],\n", false)]
    [InlineData("data: {\"x\":{\"choices\":[],\"usage\":{}},\"choices\":[{}],\"usage\":{}}\n\n", false)]
    [InlineData("data: {\"choices\":[],\ndata: \"usage\":{\"total_tokens\":3}}\n\n", true)]
    [InlineData("data:{\"choices\":[],\"usage\":{}}\r\n\r\n", true)]
    [InlineData("dataX: {\"choices\":[],\"usage\":{}}\n\n", false)]
    public void IsUsageOnlyChunk_example_gives_answer(string sseEvent, bool expected)
    {
        var actual = SseFraming.IsUsageOnlyChunk(Encoding.UTF8.GetBytes(sseEvent));

        Assert.Equal(expected, actual);
    }

    // The Shell's loop in miniature: append each chunk, cut off every complete event, and at the
    // end of the stream the remainder is the last event.
    private static List<string> Frame(IEnumerable<byte[]> chunks)
    {
        var events = new List<string>();
        var buffer = Array.Empty<byte>();
        foreach (var chunk in chunks)
        {
            buffer = [.. buffer, .. chunk];
            for (var end = SseFraming.FindEventEnd(buffer); end >= 0; end = SseFraming.FindEventEnd(buffer))
            {
                events.Add(Encoding.UTF8.GetString(buffer, 0, end));
                buffer = buffer[end..];
            }
        }
        if (buffer.Length > 0)
        {
            events.Add(Encoding.UTF8.GetString(buffer));
        }
        return events;
    }

    private static IEnumerable<byte[]> Split(byte[] stream, int[] cuts)
    {
        var start = 0;
        foreach (var length in cuts)
        {
            var end = Math.Min(stream.Length, start + length);
            yield return stream[start..end];
            start = end;
        }
        yield return stream[start..];
    }

    // Every chunk of a stream with include_usage ends `,"usage":null}`; the client that did not
    // ask gets the chunk without it, still one JSON object with every other member.
    [Fact]
    public void NullUsageMember_cut_leaves_the_chunk_without_it() =>
        Gen.Select(Gen.String[Gen.Char['a', 'z'], 1, 8], Gen.String.AlphaNumeric,
                Gen.OneOf(["\n\n", "\r\n\r\n", "\n"]))
            .Sample((id, text, end) =>
            {
                var json = "{\"id\":\"" + id + "\",\"choices\":[{\"delta\":{\"content\":\""
                    + text + "\"}}]";
                var sseEvent = Encoding.UTF8.GetBytes($"data: {json},\"usage\":null}}{end}");
                var cut = SseFraming.NullUsageMember(sseEvent);
                if (cut is not { } part) return false;
                var (start, length) = part.GetOffsetAndLength(sseEvent.Length);
                var kept = Encoding.UTF8.GetString(
                    [.. sseEvent[..start], .. sseEvent[(start + length)..]]);
                return kept == $"data: {json}}}{end}";
            });

    // Python's json.dumps writes `, "usage": null}`; the client that did not ask still gets the
    // chunk without it (helper-67).
    [Fact]
    public void NullUsageMember_cut_allows_blanks_around_the_comma_colon_and_brace() =>
        Gen.Select(Gen.OneOf(["", " ", "\t", "  "]), Gen.OneOf(["", " "]),
                Gen.OneOf(["", " "]), Gen.OneOf(["", " "]), Gen.String.AlphaNumeric)
            .Sample((beforeComma, afterComma, aroundColon, beforeBrace, text) =>
            {
                var json = "{\"id\": \"c\", \"choices\": [{\"delta\": {\"content\": \""
                    + text + "\"}}]";
                var member = $"{beforeComma},{afterComma}\"usage\"{aroundColon}:{aroundColon}null"
                    + beforeBrace;
                var sseEvent = Encoding.UTF8.GetBytes($"data: {json}{member}}}\n\n");
                var cut = SseFraming.NullUsageMember(sseEvent);
                if (cut is not { } part) return false;
                var (start, length) = part.GetOffsetAndLength(sseEvent.Length);
                var kept = Encoding.UTF8.GetString(
                    [.. sseEvent[..start], .. sseEvent[(start + length)..]]);
                return kept == $"data: {json}{beforeComma}}}\n\n";
            });

    // DashScope writes the member among the others (helper-97: `"usage":null` stayed in every
    // chunk the client saw); a first member takes its comma after it.
    [Theory]
    [InlineData("data: {\"id\":\"c\",\"usage\":null,\"created\":1}\n\n",
        "data: {\"id\":\"c\",\"created\":1}\n\n")]
    [InlineData("data: {\"id\": \"c\", \"usage\": null, \"x\": 1}\n\n",
        "data: {\"id\": \"c\", \"x\": 1}\n\n")]
    [InlineData("data: {\"usage\":null,\"choices\":[{\"delta\":{}}]}\n\n",
        "data: {\"choices\":[{\"delta\":{}}]}\n\n")]
    [InlineData("data: {\"a\":\"}{[\\\"\",\"b\":[{}],\"usage\":null,\"c\":2}\r\n\r\n",
        "data: {\"a\":\"}{[\\\"\",\"b\":[{}],\"c\":2}\r\n\r\n")]
    public void NullUsageMember_among_the_others_is_cut_with_one_comma(string sseEvent,
        string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(sseEvent);
        var (start, length) = SseFraming.NullUsageMember(bytes)!.Value
            .GetOffsetAndLength(bytes.Length);

        var kept = Encoding.UTF8.GetString([.. bytes[..start], .. bytes[(start + length)..]]);

        Assert.Equal(expected, kept);
    }

    [Theory]
    // Inside a string the quotes are escaped: text, not the member.
    [InlineData("data: {\"choices\":[{\"delta\":{\"content\":\",\\\"usage\\\":null}\"}}]}\n\n")]
    // Nested, not closing the chunk: not the member the gateway's request added.
    [InlineData("data: {\"response\":{\"id\":\"r\",\"usage\":null}}\n\n")]
    // Not a data line.
    [InlineData(": x,\"usage\":null}\n\n")]
    [InlineData("data: {\"id\":\"c\",\"usage\":{\"total_tokens\":3}}\n\n")]
    [InlineData("data: {\"response\": {\"id\": \"r\", \"usage\": null} }\n\n")]
    [InlineData("data: {\"id\":\"c\" \"usage\":null}\n\n")]
    public void NullUsageMember_is_only_the_member_closing_a_data_line(string sseEvent) =>
        Assert.Null(SseFraming.NullUsageMember(Encoding.UTF8.GetBytes(sseEvent)));

    // Mutation testing (helper-93): a chunk with usage but without `choices` is not the
    // usage-only chunk (the client would lose it).
    [Theory]
    [InlineData("data: {\"usage\":{\"total_tokens\":3}}\n\n", false)]
    [InlineData("event: chunk\r\ndata: {\"choices\":[],\"usage\":{}}\r\n\r\n", true)]
    [InlineData("data:  {\"choices\":[],\"usage\":{}}\n\n", true)]
    [InlineData("data: {\"choices\":[],\"usage\":{}}", true)]
    public void IsUsageOnlyChunk_more_examples(string sseEvent, bool expected) =>
        Assert.Equal(expected, SseFraming.IsUsageOnlyChunk(Encoding.UTF8.GetBytes(sseEvent)));

    [Theory]
    [InlineData("data: {\"id\":\"c\",\"usage\":true}\n\n")]
    [InlineData("data: {\"id\":\"c\",\"usage\":1234}\n\n")]
    public void NullUsageMember_is_never_a_usage_that_is_not_null(string sseEvent) =>
        Assert.Null(SseFraming.NullUsageMember(Encoding.UTF8.GetBytes(sseEvent)));

    [Fact]
    public void NullUsageMember_is_found_at_the_very_end_of_the_buffer()
    {
        var sseEvent = "data: {\"id\":\"c\",\"usage\":null}"u8.ToArray();

        var actual = SseFraming.NullUsageMember(sseEvent);

        Assert.Equal(15..28, actual);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("data: x", 0)]
    [InlineData("data: x\r", 0)]
    [InlineData("data: x\n", 8)]
    [InlineData("data: x\r\ndata", 9)]
    [InlineData("a\rb\r", 2)]
    public void LastLineStart_waits_on_a_final_cr(string buffer, int expected) =>
        Assert.Equal(expected, SseFraming.LastLineStart(Encoding.UTF8.GetBytes(buffer)));
}
