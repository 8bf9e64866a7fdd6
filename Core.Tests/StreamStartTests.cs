using CsCheck;
using Menshen.Core.Http;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

/// The error a 200 stream reports in the first chunk the gateway holds (StreamStart), and the
/// status it stands for (StreamErrorStatus).
public class StreamStartTests
{
    private const string Sse = "text/event-stream; charset=utf-8";

    private const string Overloaded = "event: error\ndata: {\"type\":\"error\",\"error\":"
        + "{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";

    private const string MessageStart = "event: message_start\ndata: {\"type\":\"message_start\","
        + "\"message\":{\"id\":\"msg_1\",\"usage\":{\"input_tokens\":3}}}\n\n";

    private static StreamStartError? Of(string held, int status = 200, string? type = Sse,
        ContentCoding coding = ContentCoding.Identity) =>
        StreamStart.ErrorIn(status, type, coding, System.Text.Encoding.UTF8.GetBytes(held));

    [Fact]
    public void Anthropic_overloaded_as_the_first_event_stands_for_529()
    {
        Assert.Equal(new StreamStartError(529,
            "upstream error event at the start of the stream: overloaded_error: Overloaded"),
            Of(Overloaded));
    }

    [Fact]
    public void An_error_after_other_events_of_the_held_chunk_counts_too()
    {
        Assert.Equal(529, Of(MessageStart + "event: ping\ndata: {\"type\":\"ping\"}\n\n"
            + Overloaded)?.Status);
    }

    [Theory]
    [InlineData("data: {\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}\n\n", 500)]
    [InlineData("data: {\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}\r\n\r\n",
        429)]
    [InlineData("data: {\"error\":{\"message\":\"too long\",\"code\":\"context_length_exceeded\"}}"
        + "\r\r", 400)]
    [InlineData("data: {\"error\":{\"message\":\"Bad gateway\",\"code\":502}}\n\n", 502)]
    [InlineData("event: response.failed\ndata: {\"type\":\"response.failed\",\"response\":"
        + "{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"x\"}}}\n\n", 429)]
    [InlineData("event: error\ndata: not json\n\n", 500)]
    public void Each_dialect_s_error_event_stands_for_its_status(string held, int expected)
    {
        Assert.Equal(expected, Of(held)?.Status);
    }

    [Theory]
    [InlineData(429, Sse, ContentCoding.Identity)]
    [InlineData(200, "application/json", ContentCoding.Identity)]
    [InlineData(200, null, ContentCoding.Identity)]
    [InlineData(200, Sse, ContentCoding.Gzip)]
    public void Only_a_readable_2xx_event_stream_is_judged(int status, string? type,
        ContentCoding coding)
    {
        Assert.Null(Of(Overloaded, status, type, coding));
    }

    [Theory]
    [InlineData("event: response.created\ndata: {\"type\":\"response.created\",\"response\":"
        + "{\"id\":\"resp_1\",\"error\":null}}\n\n")]
    [InlineData("data: {\"choices\":[{\"delta\":{\"content\":\"no error here\"}}]}\n\n")]
    [InlineData(MessageStart + "event: ping\ndata: {\"type\":\"ping\"}\n\n")]
    public void A_stream_that_opens_well_is_no_error(string held)
    {
        Assert.Null(Of(held));
    }

    [Fact]
    public void An_error_event_the_chunk_cuts_off_is_not_judged() =>
        Gen.Int[0, Overloaded.Length - 1].Sample(cut =>
            Of(MessageStart + Overloaded[..cut]) is null);

    [Fact]
    public void Events_without_an_error_are_no_error() =>
        Gen.OneOf(RoutingGens.OtherChunkEvent, RoutingGens.UsageOnlyEvent, RoutingGens.SseEvent)
            .Array[0, 8].Sample(events => Of(string.Concat(events)) is null);

    [Fact]
    public void An_error_event_among_others_is_found_in_any_framing() =>
        Gen.Select(RoutingGens.OtherChunkEvent.Array[0, 4], RoutingGens.OtherChunkEvent.Array[0, 4],
            Gen.OneOf("\n", "\r\n", "\r")).Sample((before, after, eol) =>
            Of(string.Concat(before) + Overloaded.Replace("\n", eol, StringComparison.Ordinal)
                + string.Concat(after))?.Status == 529);

    [Theory]
    [InlineData("upstream error event mid-stream: overloaded_error: Overloaded", "overloaded_error")]
    [InlineData("upstream error event mid-stream: 429: Rate limited", "429")]
    [InlineData("upstream error event mid-stream: invalid_request_error", "invalid_request_error")]
    [InlineData("upstream error event mid-stream: a message: with a colon", "")]
    [InlineData("upstream error event mid-stream", "")]
    [InlineData("upstream error event at the start of the stream: api_error: x", "api_error")]
    [InlineData("upstream answered 2xx with an error: server_error: boom", "server_error")]
    [InlineData("something else: api_error: x", "")]
    public void The_type_is_read_back_from_a_note(string note, string expected)
    {
        Assert.Equal(expected, StreamErrorText.TypeOf(note));
    }

    [Fact]
    public void A_note_s_type_reads_back_as_it_was_given() =>
        Gen.Select(Gen.String[Gen.Char["a-z_0-9"], 1, 20], Gen.String[Gen.Char["a-z :."], 0, 30])
            .Sample((type, message) =>
                StreamErrorText.TypeOf(StreamErrorText.Of(type, message)) == type
                && StreamErrorText.TypeOf(StreamErrorText.AtStart(type, message)) == type);

    [Theory]
    [InlineData("overloaded_error", 529)]
    [InlineData("api_error", 500)]
    [InlineData("", 500)]
    [InlineData("invalid_request_error", 400)]
    [InlineData("authentication_error", 401)]
    [InlineData("503", 503)]
    [InlineData("42", 500)]
    [InlineData("-502", 500)]
    [InlineData("400", 400)]
    [InlineData("599", 599)]
    [InlineData("399", 500)]
    [InlineData("600", 500)]
    public void Stream_error_types_map_to_statuses(string type, int expected)
    {
        Assert.Equal(expected, StreamErrorStatus.Of(type));
    }
}
