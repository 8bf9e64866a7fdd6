using System.Text;
using CsCheck;
using Menshen.Core.Dialects.Anthropic;

namespace Menshen.Core.Tests;

public class AnthropicStreamTextTests
{
    [Fact]
    public void Blocks_text_is_the_concatenated_text_deltas() =>
        AnthropicGens.Stream.Sample(s =>
            AnthropicStreamText.Blocks(s.Bytes).First(b => b.Index == 0).Text == s.Text);

    [Fact]
    public void Blocks_tool_input_is_the_concatenated_input_json_deltas() =>
        AnthropicGens.Stream.Where(s => s.ToolInput.Length > 0).Sample(s =>
            AnthropicStreamText.Blocks(s.Bytes).Single(b => b.Type == "tool_use").Text == s.ToolInput);

    [Fact]
    public void Render_shows_text_then_the_tool_call()
    {
        var stream = Encoding.UTF8.GetBytes("""
            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me look."}}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\"Paris\"}"}}

            """.Replace("\r\n", "\n", StringComparison.Ordinal));

        var actual = AnthropicStreamText.Render(stream);

        Assert.Equal("Let me look.\n[tool_use get_weather] {\"city\":\"Paris\"}", actual);
    }

    [Fact]
    public void Render_never_throws_on_arbitrary_bytes() =>
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            _ = AnthropicStreamText.Render(bytes);
        });
}
