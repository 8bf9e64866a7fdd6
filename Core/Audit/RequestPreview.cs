using System.Text.Json;

namespace Menshen.Core.Audit;

/// The preview of a request: the last user message (chat, responses) that is not an agent's
/// injected context block (`InjectedContext`; the last block when every message is one), the
/// prompt (completions) or the input (embeddings); the start of the body when none can be read.
/// Texts are decoded into one pooled buffer (`JsonChars`), never into strings of their own.
public static class RequestPreview
{
    /// Plain text of at most `maxChars` characters; null for an empty body.
    public static string? Of(ReadOnlyMemory<byte> body, int maxChars = PreviewText.DefaultMaxChars)
    {
        if (body.IsEmpty) return null;
        using var chars = new JsonChars();
        return JsonText.TryRead(body, chars, FromRoot)
            ? PreviewText.Clip(chars.Span, maxChars)
            : PreviewText.Clip(PreviewText.Decode(body.Span, maxChars), maxChars);
    }

    private static bool FromRoot(JsonElement root, JsonChars chars)
    {
        if (root.ValueKind != JsonValueKind.Object) return false;
        if (root.TryGetProperty("messages", out var messages))
            return LastUserContent(messages, chars);
        if (root.TryGetProperty("input", out var input))
            return input.ValueKind == JsonValueKind.Array
                ? LastUserContent(input, chars) || FirstString(input, chars)
                : FirstString(input, chars);
        return root.TryGetProperty("prompt", out var prompt) && FirstString(prompt, chars);
    }

    private static bool LastUserContent(JsonElement items, JsonChars chars)
    {
        if (items.ValueKind != JsonValueKind.Array) return false;
        int index = -1, last = -1, lastTyped = -1, held = -1;
        JsonElement lastContent = default, lastTypedContent = default;
        foreach (var item in items.EnumerateArray())
        {
            index++;
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("role", out var role)
                || role.ValueKind != JsonValueKind.String || !role.ValueEquals("user")
                || !item.TryGetProperty("content", out var content)) continue;
            chars.Clear();
            held = -1;
            if (!ContentText(content, chars)) continue;
            (last, lastContent, held) = (index, content, index);
            if (!InjectedContext.IsBlock(chars.Span))
                (lastTyped, lastTypedContent) = (index, content);
        }
        if (last < 0) return false;
        // Read the chosen text again only when the buffer holds another one.
        var (chosen, chosenContent) =
            lastTyped >= 0 ? (lastTyped, lastTypedContent) : (last, lastContent);
        if (chosen != held)
        {
            chars.Clear();
            ContentText(chosenContent, chars);
        }
        return true;
    }

    /// A message content: a string, or an array of parts whose `text` fields are joined.
    private static bool ContentText(JsonElement content, JsonChars chars)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            chars.Append(content);
            return true;
        }
        if (content.ValueKind != JsonValueKind.Array) return false;
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("text", out var text)
                || text.ValueKind != JsonValueKind.String) continue;
            if (chars.Length > 0) chars.Append(' ');
            chars.Append(text);
        }
        return chars.Length > 0;
    }

    /// A string, or an array's first string element.
    private static bool FirstString(JsonElement value, JsonChars chars)
    {
        chars.Clear();
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String) continue;
                chars.Append(item);
                return true;
            }
            return false;
        }
        if (value.ValueKind != JsonValueKind.String) return false;
        chars.Append(value);
        return true;
    }
}
