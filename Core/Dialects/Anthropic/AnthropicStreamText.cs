using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Menshen.Core.Http;

namespace Menshen.Core.Dialects.Anthropic;

/// Puts a stored Messages API stream back together for the audit's detail view and previews: text
/// blocks from their `text_delta`s, tool_use blocks from their start and `input_json_delta`s.
/// Other blocks (thinking) and broken events are left out.
public static class AnthropicStreamText
{
    /// The text and tool_use blocks, in stream index order.
    public static ImmutableArray<AnthropicContentBlock> Blocks(ReadOnlySpan<byte> stream)
    {
        var blocks =
            new SortedDictionary<int,
                (string Type, StringBuilder Text, string? Name, string? Id)>();
        for (var end = SseFraming.FindEventEnd(stream); end >= 0 || !stream.IsEmpty;
             end = SseFraming.FindEventEnd(stream))
        {
            var length = end < 0 ? stream.Length : end;
            Apply(blocks, SseData.Of(stream[..length]));
            stream = stream[length..];
        }
        return [.. blocks.Select(b => new AnthropicContentBlock(
            b.Key, b.Value.Type, b.Value.Text.ToString(), b.Value.Name, b.Value.Id))];
    }

    /// The answer as one text: text blocks as they are, a tool_use block as `[tool_use NAME] INPUT`
    /// on its own line; null when the stream has no such block.
    public static string? Render(ReadOnlySpan<byte> stream)
    {
        var text = new StringBuilder();
        foreach (var block in Blocks(stream))
        {
            if (block.Type == "text")
            {
                text.Append(block.Text);
                continue;
            }
            var separator = text.Length > 0 && text[^1] != '\n' ? "\n" : "";
            text.Append(separator).Append("[tool_use ").Append(block.Name).Append("] ")
                .Append(block.Text).Append('\n');
        }
        return text.Length > 0 ? text.ToString().TrimEnd('\n') : null;
    }

    private static void Apply(
        SortedDictionary<int, (string Type, StringBuilder Text, string? Name, string? Id)> blocks,
        ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }
        try
        {
            using var document = JsonDocument.Parse(data.ToArray());
            AnthropicBlockEvents.Apply(blocks, document.RootElement);
        }
        catch (JsonException)
        {
            // a broken event adds nothing
        }
        catch (InvalidOperationException)
        {
            // a string that is not valid UTF-8
        }
    }
}
