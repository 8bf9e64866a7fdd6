using System.Text;
using System.Text.Json;
using Menshen.Core.Audit;
using Menshen.Core.Http;

namespace Menshen.Core.Dialects.Anthropic;

/// The dashboard's preview of a Messages API answer: a stream's text and tool calls put back
/// together, a JSON message's text and tool calls, else what any response shows (an error's
/// message, the start of the body).
public static class AnthropicResponsePreview
{
    public static string? Of(ReadOnlyMemory<byte> body, string? contentType)
    {
        if (body.IsEmpty) return null;
        var text = IsStream(body.Span, contentType)
            ? AnthropicStreamText.Render(body.Span)
            : JsonText.TryParse(body, Message);
        return text is null
            ? ResponsePreview.Of(body, contentType)
            : PreviewText.Clip(text);
    }

    private static bool IsStream(ReadOnlySpan<byte> body, string? contentType) =>
        SseContent.Is(contentType) || body.StartsWith("event:"u8) || body.StartsWith("data:"u8);

    // {"type":"message","content":[{"type":"text","text":…},{"type":"tool_use","name":…}]}
    private static string? Message(JsonElement root)
    {
        if (JsonText.At(root, "content") is not { ValueKind: JsonValueKind.Array } content)
            return null;
        var text = new StringBuilder();
        foreach (var block in content.EnumerateArray())
        {
            var type = JsonText.StringOf(JsonText.At(block, "type"));
            if (type == "text")
            {
                text.Append(JsonText.StringOf(JsonText.At(block, "text")));
            }
            else if (type == "tool_use")
            {
                var input = JsonText.At(block, "input") is { } i ? i.GetRawText() : "";
                text.Append(text.Length > 0 && text[^1] != '\n' ? "\n" : "")
                    .Append("[tool_use ").Append(JsonText.StringOf(JsonText.At(block, "name")))
                    .Append("] ").Append(input).Append('\n');
            }
        }
        return text.Length > 0 ? text.ToString().TrimEnd('\n') : null;
    }
}
