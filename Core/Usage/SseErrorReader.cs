using System.Text.Json;

namespace Menshen.Core.Usage;

/// An error an OpenAI-style stream reports after its 200: an event named `error`, a chunk whose
/// root is `{"error": …}` (chat completions, and most compatible servers), or a Responses
/// `error` or `response.failed` event. Such a stream is not the answer, even if `[DONE]`
/// follows: never cached, and noted in the audit.
internal static class SseErrorReader
{
    /// Cheap test before parsing: every error shape names `"error"` or `response.failed`. A
    /// quote inside a JSON string is escaped, so answer text rarely matches.
    public static bool MightReport(ReadOnlySpan<byte> data) =>
        data.IndexOf("\"error\""u8) >= 0 || data.IndexOf("response.failed"u8) >= 0;

    /// The note for one event's data, or null when it reports no error.
    public static string? Read(ReadOnlySpan<byte> data, bool eventNamedError)
    {
        var found = Parse(data, eventNamedError);
        return found ?? (eventNamedError ? StreamErrorText.Of("", "") : null);
    }

    private static string? Parse(ReadOnlySpan<byte> data, bool eventNamedError)
    {
        var reader = new Utf8JsonReader(data, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!JsonDocument.TryParseValue(ref reader, out var document)) return null;
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                var type = Text(root, "type");
                if (root.TryGetProperty("error"u8, out var error)
                    && error.ValueKind is JsonValueKind.Object or JsonValueKind.String)
                    return Describe(error, type == "error" ? "" : type);
                if (type == "error" || eventNamedError) return Describe(root, "");
                if (type == "response.failed"
                    && root.TryGetProperty("response"u8, out var response)
                    && response.ValueKind == JsonValueKind.Object
                    && response.TryGetProperty("error"u8, out var failed))
                    return Describe(failed, "");
                return type == "response.failed" ? StreamErrorText.Of("response.failed", "")
                    : null;
            }
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(JsonElement error, string fallbackType)
    {
        if (error.ValueKind == JsonValueKind.String)
            return StreamErrorText.Of(fallbackType, error.GetString() ?? "");
        // A Responses `error` event's own type is "error": its code says more.
        var type = Text(error, "type") is { Length: > 0 } t && t != "error" ? t
            : Text(error, "code") is { Length: > 0 } c ? c : fallbackType;
        return StreamErrorText.Of(type, Text(error, "message"));
    }

    private static string Text(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
