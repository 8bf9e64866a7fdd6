using System.Text;
using System.Text.Json;

namespace Menshen.Core.Audit;

/// The preview of a request: the last user message (chat, responses) that is not an agent's
/// injected context block (`InjectedContext`; the last block when every message is one), the
/// prompt (completions) or the input (embeddings); the start of the body when none can be read.
public static class RequestPreview
{
    /// Plain text of at most `maxChars` characters; null for an empty body.
    public static string? Of(ReadOnlyMemory<byte> body, int maxChars = PreviewText.DefaultMaxChars)
    {
        if (body.IsEmpty) return null;
        var text = JsonText.TryParse(body, root => FromRoot(root));
        return PreviewText.Clip(text ?? PreviewText.Decode(body.Span, maxChars), maxChars);
    }

    private static string? FromRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        if (root.TryGetProperty("messages", out var messages)) return LastUserContent(messages);
        if (root.TryGetProperty("input", out var input))
            return input.ValueKind == JsonValueKind.Array ? LastUserContent(input)
                ?? FirstString(input)
                : JsonText.StringOf(input);
        return root.TryGetProperty("prompt", out var prompt) ? FirstString(prompt) : null;
    }

    private static string? LastUserContent(JsonElement items)
    {
        if (items.ValueKind != JsonValueKind.Array) return null;
        string? last = null, lastTyped = null;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object
                && item.TryGetProperty("role", out var role)
                && role.ValueKind == JsonValueKind.String && role.ValueEquals("user")
                && item.TryGetProperty("content", out var content)
                && ContentText(content) is { } text)
            {
                last = text;
                if (!InjectedContext.IsBlock(text)) lastTyped = text;
            }
        }
        return lastTyped ?? last;
    }

    /// A message content: a string, or an array of parts whose `text` fields are joined.
    private static string? ContentText(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String) return content.GetString();
        if (content.ValueKind != JsonValueKind.Array) return null;
        var builder = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text)
                && text.ValueKind == JsonValueKind.String)
                builder.Append(builder.Length > 0 ? " " : "").Append(text.GetString());
        }
        return builder.Length > 0 ? builder.ToString() : null;
    }

    private static string? FirstString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array => value.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.String).Select(e =>
                e.GetString()).FirstOrDefault(),
        _ => null,
    };
}
