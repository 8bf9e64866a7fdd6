using System.Text;
using Menshen.Core.Audit;

namespace Menshen.Shell.Tests.Storage;

/// The previews computed at write time (pure functions of Core, exercised here with the store).
public class PreviewTests
{
    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"first"},{"role":"assistant","content":"a"},{"role":"user","content":"last one"}]}""", "last one")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"text","text":"look at"},{"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":"this"}]}]}""", "look at this")]
    [InlineData("""{"input":"a responses prompt"}""", "a responses prompt")]
    [InlineData("""{"input":[{"role":"user","content":[{"type":"input_text","text":"typed"}]}]}""", "typed")]
    [InlineData("""{"prompt":["completion prompt","second"]}""", "completion prompt")]
    [InlineData("""{"input":["embed me","and me"]}""", "embed me")]
    [InlineData("""{"model":"x","messages":[{"role":"system","content":"only system"}]}""", """{"model":"x","messages":[{"role":"system","content":"only system"}]}""")]
    [InlineData("not json at all", "not json at all")]
    [InlineData("""{"messages":[{"role":"user","content":"cut of""", """{"messages":[{"role":"user","content":"cut of""")]
    public void RequestPreview_Of_body_gives_the_user_text(string body, string expected)
    {
        var actual = RequestPreview.Of(Bytes(body));

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("""{"choices":[{"message":{"content":"chat answer"}}]}""", null, "chat answer")]
    [InlineData("""{"choices":[{"text":"completion answer"}]}""", null, "completion answer")]
    [InlineData("""{"output":[{"type":"reasoning"},{"type":"message","content":[{"type":"output_text","text":"responses answer"}]}]}""", null, "responses answer")]
    [InlineData("""{"error":{"message":"Rate limit reached","type":"requests"}}""", null, "error: Rate limit reached")]
    [InlineData("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n\ndata: [DONE]\n\n", "text/event-stream", "Hello")]
    [InlineData("event: response.output_text.delta\r\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"Str\"}\r\n\r\nevent: response.output_text.delta\r\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"eam\"}\r\n\r\n", "text/event-stream", "Stream")]
    [InlineData("<html>Bad Gateway</html>", "text/html", "<html>Bad Gateway</html>")]
    public void ResponsePreview_Of_body_gives_the_generated_text(string body, string? contentType, string expected)
    {
        var actual = ResponsePreview.Of(Bytes(body), contentType);

        Assert.Equal(expected, actual);
    }

    // Bodies come from clients and upstreams: whatever they hold, a preview is text or the start
    // of the body, never an exception (an exception here would cost the audit record).
    [Theory]
    [InlineData("""{"messages":[{"role":5,"content":"odd"},{"role":"user","content":"real"}]}""", "real")]
    [InlineData("""{"messages":[{"role":{"x":1},"content":"odd"}]}""", """{"messages":[{"role":{"x":1},"content":"odd"}]}""")]
    public void RequestPreview_Of_never_throws_on_wrong_types(string body, string expected)
    {
        var actual = RequestPreview.Of(Bytes(body));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Previews_of_json_strings_with_invalid_utf8_fall_back_to_the_body_start()
    {
        byte[] request = [.. "{\"messages\":[{\"role\":\"user\",\"content\":\"a"u8, 0xC3, 0x28, .. "\"}]}"u8];
        byte[] response = [.. "{\"choices\":[{\"message\":{\"content\":\"a"u8, 0xFF, .. "\"}}]}"u8];

        var actual = (RequestPreview.Of(request), ResponsePreview.Of(response, "application/json"));

        Assert.StartsWith("{\"messages\"", actual.Item1, StringComparison.Ordinal);
        Assert.StartsWith("{\"choices\"", actual.Item2, StringComparison.Ordinal);
    }

    [Fact]
    public void ResponsePreview_of_a_stream_skips_events_with_wrong_types()
    {
        var body = "data: {\"type\":5,\"delta\":\"x\"}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}\n\n";

        var actual = ResponsePreview.Of(Bytes(body), "text/event-stream");

        Assert.Equal("ok", actual);
    }

    [Fact]
    public void Clip_long_text_collapses_whitespace_and_cuts_at_the_limit()
    {
        var text = "a \n\t b" + new string('c', 500);

        var actual = PreviewText.Clip(text, 10);

        Assert.Equal("a bccccccc…", actual);
    }

    [Fact]
    public void Clip_never_splits_a_surrogate_pair()
    {
        var text = "abcdefghi" + "😀" + "tail";

        var actual = PreviewText.Clip(text, 10);

        Assert.Equal("abcdefghi…", actual);
    }

    [Fact]
    public void Previews_of_empty_bodies_are_null()
    {
        var actual = (RequestPreview.Of(ReadOnlyMemory<byte>.Empty), ResponsePreview.Of(ReadOnlyMemory<byte>.Empty, null));

        Assert.Equal((null, null), actual);
    }

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
