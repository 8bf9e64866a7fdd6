using System.Text;
using Menshen.Core.Dialects.Anthropic;

namespace Menshen.Core.Tests;

public class AnthropicResponsePreviewTests
{
    private static string? Preview(string body, string? contentType = "application/json") =>
        AnthropicResponsePreview.Of(Encoding.UTF8.GetBytes(body), contentType);

    [Fact]
    public void A_json_message_shows_its_text_and_tool_calls()
    {
        var actual = Preview("""{"type":"message","content":[{"type":"text","text":"Let me look."},{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"ls"}}]}""");

        Assert.Equal("Let me look. [tool_use Bash] {\"command\":\"ls\"}", actual);
    }

    [Fact]
    public void A_stream_shows_its_reassembled_text()
    {
        var actual = Preview("""
            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi there"}}


            """, "text/event-stream");

        Assert.Equal("Hi there", actual);
    }

    // helper-75: a stream that failed before any text showed its raw SSE as the preview.
    [Fact]
    public void A_stream_that_failed_before_any_text_shows_its_error_or_nothing()
    {
        const string start = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","content":[]}}


            """;
        var failed = Preview(start + """
            event: error
            data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}


            """, "text/event-stream");
        var cut = Preview(start, "text/event-stream");

        Assert.Equal(("error: Overloaded", null), (failed, cut));
    }

    [Fact]
    public void An_error_body_shows_its_message()
    {
        var actual = Preview("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""");

        Assert.Equal("error: Overloaded", actual);
    }

    [Fact]
    public void Anything_else_shows_the_start_of_the_body() =>
        Assert.Equal("{\"input_tokens\":42}", Preview("""{"input_tokens":42}"""));

    [Fact]
    public void An_empty_body_has_no_preview() => Assert.Null(Preview(""));
}
