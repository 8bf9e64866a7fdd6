using System.Text;
using System.Text.Json;

namespace Menshen.Core.Audit;

/// The preview of a response: the generated text (a JSON body, or an SSE stream's deltas put
/// back together), the error message of an error body or of a stream's error event, else the
/// start of a body that is not a stream (a stream with neither text nor error has none: its raw
/// events are no preview).
public static class ResponsePreview
{
    /// Plain text of at most `maxChars` characters; null for an empty body.
    public static string? Of(
        ReadOnlyMemory<byte> body, string? contentType, int maxChars = PreviewText.DefaultMaxChars)
    {
        if (body.IsEmpty) return null;
        if (LooksLikeSse(body.Span, contentType))
        {
            var streamed = SsePreview.Text(body, maxChars)
                ?? SsePreview.FirstData(body, data => JsonText.TryParse(data, ErrorText));
            return streamed is null ? null : PreviewText.Clip(streamed, maxChars);
        }
        var text = JsonText.TryParse(body, FromRoot);
        return PreviewText.Clip(text ?? PreviewText.Decode(body.Span, maxChars), maxChars);
    }

    private static bool LooksLikeSse(ReadOnlySpan<byte> body, string? contentType) =>
        Http.SseContent.Is(contentType) || body.StartsWith("data:"u8)
        || body.StartsWith("event:"u8);

    private static string? FromRoot(JsonElement root) =>
        JsonText.StringOf(JsonText.At(root, "choices", 0, "message", "content"))
        ?? JsonText.StringOf(JsonText.At(root, "choices", 0, "text"))
        ?? JsonText.StringOf(JsonText.At(root, "output_text"))
        ?? OutputText(root)
        ?? ErrorText(root);

    /// The `responses` API: output items of type message hold parts with `text`.
    private static string? OutputText(JsonElement root)
    {
        if (JsonText.At(root,
            "output") is not { ValueKind: JsonValueKind.Array } output) return null;
        var builder = new StringBuilder();
        foreach (var item in output.EnumerateArray())
        {
            if (JsonText.At(item,
                "content") is not { ValueKind: JsonValueKind.Array } parts) continue;
            foreach (var part in parts.EnumerateArray())
                builder.Append(JsonText.StringOf(JsonText.At(part, "text")));
        }
        return builder.Length > 0 ? builder.ToString() : null;
    }

    private static string? ErrorText(JsonElement root) =>
        JsonText.StringOf(JsonText.At(root, "error", "message")) is { } message
            ? "error: " + message
            : null;
}
