using System.Text.Json;

namespace Menshen.Core.Usage;

/// An error an OpenAI-style stream reports after its 200: an event named `error`, a chunk whose
/// root is `{"error": …}` (chat completions, and most compatible servers), or a Responses
/// `error` or `response.failed` event. Such a stream is not the answer, even if `[DONE]`
/// follows: never cached, and noted in the audit.
internal static class SseErrorReader
{
    /// Cheap test before parsing: an `"error"` key whose value is an object or a string (not
    /// the `"error":null` every Responses event carries: parsing those would add a whole
    /// `response.created` to the time to first token), a `"type":"error"`, or
    /// `response.failed`. A quote inside a JSON string is escaped, so answer text rarely matches.
    public static bool MightReport(ReadOnlySpan<byte> data)
    {
        if (data.IndexOf("response.failed"u8) >= 0 || data.IndexOf("\"type\":\"error\""u8) >= 0
            || data.IndexOf("\"type\": \"error\""u8) >= 0) return true;
        for (var at = data.IndexOf("\"error\""u8); at >= 0; at = data.IndexOf("\"error\""u8))
        {
            data = data[(at + 7)..].TrimStart(" \t\r\n"u8);
            if (data is not [(byte)':', ..]) continue;
            var value = data[1..].TrimStart(" \t\r\n"u8);
            if (value is [(byte)'{' or (byte)'"', ..]) return true;
        }
        return false;
    }

    /// The note for one event's data, or null when it reports no error.
    public static string? Read(ReadOnlySpan<byte> data, bool eventNamedError) =>
        ReadParts(data, eventNamedError) is { } parts
            ? StreamErrorText.Of(parts.Type, parts.Message) : null;

    /// The error's type (or code) and message for one event's data, or null when it reports
    /// no error. An event named `error` whose data says nothing readable has both empty.
    public static (string Type, string Message)? ReadParts(
        ReadOnlySpan<byte> data, bool eventNamedError) =>
        Parse(data, eventNamedError) ?? (eventNamedError ? ("", "") : null);

    private static (string Type, string Message)? Parse(
        ReadOnlySpan<byte> data, bool eventNamedError)
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
                    return Parts(error, type == "error" ? "" : type);
                if (type == "error" || eventNamedError) return Parts(root, "");
                if (type == "response.failed"
                    && root.TryGetProperty("response"u8, out var response)
                    && response.ValueKind == JsonValueKind.Object
                    && response.TryGetProperty("error"u8, out var failed))
                    return Parts(failed, "");
                return type == "response.failed" ? ("response.failed", "") : null;
            }
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// The body note for a root `error` value as sent (JSON), or null when it is `null`.
    public static string? DescribeValue(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var error = document.RootElement;
            if (error.ValueKind == JsonValueKind.Null) return null;
            var (type, message) = Parts(error, "");
            return StreamErrorText.InBody(type, message);
        }
        catch (JsonException)
        {
            return StreamErrorText.InBody("", "");
        }
    }

    private static (string Type, string Message) Parts(JsonElement error, string fallbackType)
    {
        if (error.ValueKind == JsonValueKind.String) return (fallbackType, error.GetString() ?? "");
        // A Responses `error` event's own type is "error": its code says more. A code may be a
        // number (OpenRouter's 502).
        var type = Text(error, "type") is { Length: > 0 } t && t != "error" ? t
            : Text(error, "code") is { Length: > 0 } c ? c
            : error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var n)
                && n.ValueKind == JsonValueKind.Number ? n.GetRawText() : fallbackType;
        return (type, Text(error, "message"));
    }

    private static string Text(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
