using System.Text;
using System.Text.Json;
using Menshen.Core.Audit;

namespace Menshen.Core.Dialects.Anthropic;

/// The preview of a Messages API request: the text of the last user message that says
/// something, without the system-reminder blocks Claude Code adds to it and without tool
/// results; else what any request shows (RequestPreview).
public static class AnthropicRequestPreview
{
    public static string? Of(ReadOnlyMemory<byte> body) =>
        body.IsEmpty ? null
        : PreviewText.Clip(JsonText.TryParse(body, LastUserText)) ?? RequestPreview.Of(body);

    private static string? LastUserText(JsonElement root)
    {
        if (JsonText.At(root, "messages") is not { ValueKind: JsonValueKind.Array } messages)
            return null;
        string? last = null;
        foreach (var message in messages.EnumerateArray())
        {
            if (JsonText.StringOf(JsonText.At(message, "role")) == "user"
                && Said(JsonText.At(message, "content")) is { } text)
                last = text;
        }
        return last;
    }

    // A string content as it is; of an array, the text blocks that are not a system reminder.
    private static string? Said(JsonElement? content)
    {
        if (content is not { } c) return null;
        if (c.ValueKind == JsonValueKind.String) return c.GetString();
        if (c.ValueKind != JsonValueKind.Array) return null;
        var text = new StringBuilder();
        foreach (var block in c.EnumerateArray())
        {
            if (JsonText.StringOf(JsonText.At(block, "type")) != "text") continue;
            var part = JsonText.StringOf(JsonText.At(block, "text"));
            if (string.IsNullOrWhiteSpace(part) || IsReminder(part)) continue;
            text.Append(text.Length > 0 ? " " : "").Append(part);
        }
        return text.Length > 0 ? text.ToString() : null;
    }

    private static bool IsReminder(string text)
    {
        var span = text.AsSpan().Trim();
        return span.StartsWith("<system-reminder>", StringComparison.Ordinal)
            && span.EndsWith("</system-reminder>", StringComparison.Ordinal);
    }
}
