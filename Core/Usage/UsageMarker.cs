using Menshen.Core.Routing;

namespace Menshen.Core.Usage;

/// Cheap byte tests that decide whether an event's data is worth parsing as JSON. Chat streams
/// with include_usage carry `"usage":null` in every chunk, so only a `"usage"` key followed by an
/// object counts. A key spelled with escapes would be missed; no upstream writes one.
internal static class UsageMarker
{
    public static bool IsDone(ReadOnlySpan<byte> data) =>
        data.Trim(" \t"u8).SequenceEqual("[DONE]"u8);

    public static bool MightMatter(
        ReadOnlySpan<byte> data, EndpointKind kind, bool namedCompleted) =>
        HasUsageObject(data)
        || (kind.SpeaksResponses()
            && (namedCompleted || data.IndexOf("response.completed"u8) >= 0));

    /// The answer ended even where the stream's end marker never comes: a choice's
    /// `finish_reason` set (some servers end a chat stream without `[DONE]`), or a Responses
    /// `response.incomplete` (max_output_tokens reached). Such a stream is no error, though
    /// only a marked end makes it cacheable (SPEC §7).
    public static bool MarksFinish(ReadOnlySpan<byte> data) =>
        data.IndexOf("\"finish_reason\":\""u8) >= 0
        || data.IndexOf("\"finish_reason\": \""u8) >= 0
        || data.IndexOf("response.incomplete"u8) >= 0;

    /// A responses event that names its response's id first: `response.created`.
    public static bool MightCarryResponseId(ReadOnlySpan<byte> data) =>
        data.IndexOf("response.created"u8) >= 0;

    private static bool HasUsageObject(ReadOnlySpan<byte> data)
    {
        for (var at = data.IndexOf("\"usage\""u8); at >= 0; at = data.IndexOf("\"usage\""u8))
        {
            data = data[(at + 7)..];
            var afterColon = SkipSpace(data);
            if (afterColon is [(byte)':', ..] && SkipSpace(afterColon[1..]) is [(byte)'{', ..])
            {
                return true;
            }
        }
        return false;
    }

    private static ReadOnlySpan<byte> SkipSpace(ReadOnlySpan<byte> span) =>
        span.TrimStart(" \t\r\n"u8);
}
