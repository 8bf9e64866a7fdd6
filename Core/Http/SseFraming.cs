namespace Menshen.Core.Http;

public static class SseFraming
{
    /// Index just past the first event terminator (a blank line: LF LF, CRLF CRLF, CR CR) in
    /// `buffer`, or -1 when no complete event is there yet.
    public static int FindEventEnd(ReadOnlySpan<byte> buffer) => throw new NotImplementedException();

    /// True for the usage-only chunk OpenAI sends when include_usage is set:
    /// `data: {...,"choices":[],"usage":{...}}` (an empty choices array and a non-null usage).
    public static bool IsUsageOnlyChunk(ReadOnlySpan<byte> sseEvent) => throw new NotImplementedException();
}
