namespace Menshen.Core.Http;

/// Reads the `data` field of one SSE event (WHATWG HTML §9.2.6).
internal static class SseData
{
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    /// The event's data: a slice of the event when it has one `data:` line (no copy), or the
    /// values of several `data:` lines joined by LF. Empty when the event has no data.
    public static ReadOnlySpan<byte> Of(ReadOnlySpan<byte> sseEvent)
    {
        ReadOnlySpan<byte> single = default;
        byte[]? joined = null;
        var lines = 0;
        var rest = sseEvent;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOfAny(Cr, Lf);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + TerminatorLength(rest, end))..];
            if (!TryDataValue(line, out var value))
            {
                continue;
            }
            lines++;
            if (lines == 1)
            {
                single = value;
            }
            else
            {
                joined = [.. joined ?? single, Lf, .. value];
            }
        }
        return joined ?? single;
    }

    private static int TerminatorLength(ReadOnlySpan<byte> text, int index) =>
        text[index] == Cr && index + 1 < text.Length && text[index + 1] == Lf ? 2 : 1;

    // `data:value`, `data: value` (one space is dropped) and a bare `data` (empty value).
    private static bool TryDataValue(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!line.StartsWith("data"u8) || (line.Length > 4 && line[4] != (byte)':'))
        {
            return false;
        }
        value = line.Length > 5 ? line[5..] : default;
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }
        return true;
    }
}
