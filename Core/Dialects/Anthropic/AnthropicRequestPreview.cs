using System.Text.Json;
using Menshen.Core.Audit;

namespace Menshen.Core.Dialects.Anthropic;

/// The preview of a Messages API request: the text of the last user message that says
/// something, without the system-reminder blocks Claude Code adds to it and without tool
/// results; else what any request shows (RequestPreview). Texts are decoded into one pooled
/// buffer (`JsonChars`): Claude Code's requests hold megabytes of them.
public static class AnthropicRequestPreview
{
    public static string? Of(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty) return null;
        using var chars = new JsonChars();
        return (JsonText.TryRead(body, chars, LastUserText)
                ? PreviewText.Clip(chars.Span) : null)
            ?? RequestPreview.Of(body);
    }

    private static bool LastUserText(JsonElement root, JsonChars chars)
    {
        if (JsonText.At(root, "messages") is not { ValueKind: JsonValueKind.Array } messages)
            return false;
        int index = -1, last = -1, decoded = -1;
        JsonElement lastContent = default;
        foreach (var message in messages.EnumerateArray())
        {
            index++;
            if (!IsString(JsonText.At(message, "role"), "user")
                || JsonText.At(message, "content") is not { } content) continue;
            chars.Clear();
            decoded = index;
            if (Said(content, chars)) (last, lastContent) = (index, content);
        }
        if (last < 0) return false;
        if (decoded != last)
        {
            chars.Clear();
            Said(lastContent, chars);
        }
        return true;
    }

    // A string content as it is; of an array, the text blocks that are not a system reminder.
    private static bool Said(JsonElement content, JsonChars chars)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            chars.Append(content);
            return true;
        }
        if (content.ValueKind != JsonValueKind.Array) return false;
        foreach (var block in content.EnumerateArray())
        {
            if (!IsString(JsonText.At(block, "type"), "text")
                || JsonText.At(block, "text") is not { ValueKind: JsonValueKind.String } text)
                continue;
            var before = chars.Length;
            if (before > 0) chars.Append(' ');
            var start = chars.Length;
            chars.Append(text);
            var part = chars.Span[start..];
            if (part.IsWhiteSpace() || IsReminder(part)) chars.Truncate(before);
        }
        return chars.Length > 0;
    }

    private static bool IsString(JsonElement? value, string expected) =>
        value is { ValueKind: JsonValueKind.String } text && text.ValueEquals(expected);

    private static bool IsReminder(ReadOnlySpan<char> text)
    {
        var span = text.Trim();
        return span.StartsWith("<system-reminder>", StringComparison.Ordinal)
            && span.EndsWith("</system-reminder>", StringComparison.Ordinal);
    }
}
