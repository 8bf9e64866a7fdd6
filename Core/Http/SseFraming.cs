using System.Text.Json;

namespace Menshen.Core.Http;

public static class SseFraming
{
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    /// Index just past the first event terminator (a blank line: LF LF, CRLF CRLF, CR CR, or a
    /// mix) in `buffer`, or -1 when no complete event is there yet. A CR as the very last byte
    /// waits for the next one: it may be the first half of a CRLF, so the answer for a buffer
    /// never changes when more bytes arrive, wherever the stream was split.
    public static int FindEventEnd(ReadOnlySpan<byte> buffer)
    {
        var position = 0;
        var atLineStart = true;
        while (position < buffer.Length)
        {
            var offset = buffer[position..].IndexOfAny(Cr, Lf);
            if (offset < 0)
            {
                return -1;
            }
            atLineStart &= offset == 0;
            var lineEnd = position + offset;
            var terminator = TerminatorLength(buffer, lineEnd);
            if (terminator == 0)
            {
                return -1;
            }
            position = lineEnd + terminator;
            if (atLineStart)
            {
                return position;
            }
            atLineStart = true;
        }
        return -1;
    }

    /// Where the last line of `buffer` that no terminator has ended yet starts (0 when there is
    /// no terminator): the place to resume <see cref="FindEventEnd"/> once more bytes arrive,
    /// when it found no end in `buffer`. A CR as the last byte may be half of a CRLF, so it does
    /// not count as a terminator yet.
    public static int LastLineStart(ReadOnlySpan<byte> buffer)
    {
        var known = buffer.Length > 0 && buffer[^1] == (byte)'\r' ? buffer[..^1] : buffer;
        return known.LastIndexOfAny(Cr, Lf) + 1;
    }

    /// True for the usage-only chunk OpenAI sends when include_usage is set:
    /// `data: {...,"choices":[],"usage":{...}}` (an empty choices array and a non-null usage).
    public static bool IsUsageOnlyChunk(ReadOnlySpan<byte> sseEvent)
    {
        var data = SseData.Of(sseEvent);
        return data.Length > 0 && HasEmptyChoicesAndUsage(data);
    }

    /// Where `,"usage":null` closes a `data:` line's object (`data: {…,"usage":null}`), as OpenAI
    /// writes it in every chunk once include_usage is set: the member without its brace, or
    /// null. Blanks may stand around the comma, the colon and the brace (`, "usage": null}`, as
    /// Python's json.dumps writes it: helper-67). Inside a JSON string the quotes would be
    /// escaped, so the match is the member itself.
    public static Range? NullUsageMember(ReadOnlySpan<byte> sseEvent)
    {
        ReadOnlySpan<byte> key = "\"usage\""u8;
        for (var from = 0; sseEvent[from..].IndexOf(key) is var found and >= 0;
            from += found + key.Length)
        {
            var at = from + found;
            var before = sseEvent[..at].TrimEnd(Blanks);
            if (before is not [.., (byte)',']) continue;
            var comma = before.Length - 1;
            var rest = sseEvent[(at + key.Length)..].TrimStart(Blanks);
            if (rest is not [(byte)':', ..]) continue;
            rest = rest[1..].TrimStart(Blanks);
            if (!rest.StartsWith("null"u8)) continue;
            rest = rest[4..].TrimStart(Blanks);
            if (rest is not [(byte)'}', ..] || (rest.Length > 1 && rest[1] is not (Lf or Cr)))
                continue;
            var brace = sseEvent.Length - rest.Length;
            var lineStart = sseEvent[..comma].LastIndexOfAny(Lf, Cr) + 1;
            return sseEvent[lineStart..].StartsWith("data:"u8) ? comma..brace : null;
        }
        return null;
    }

    private static ReadOnlySpan<byte> Blanks => " \t"u8;

    // 1 for LF or a lone CR, 2 for CRLF, 0 for a CR that ends the buffer (not known yet).
    private static int TerminatorLength(ReadOnlySpan<byte> buffer, int index) =>
        buffer[index] == Lf ? 1
        : index + 1 == buffer.Length ? 0
        : buffer[index + 1] == Lf ? 2
        : 1;

    private static bool HasEmptyChoicesAndUsage(ReadOnlySpan<byte> json)
    {
        // Data that is no JSON object (a word, a broken chunk) is not read: the reader would
        // throw, and an exception is dear on a path every streamed event takes.
        if (!json.TrimStart(" \t\r\n"u8).StartsWith("{"u8)) return false;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            return ScanRootMembers(ref reader);
        }
        catch (JsonException)
        {
            return false; // `[DONE]`, a comment or a broken chunk: not the usage chunk
        }
    }

    private static bool ScanRootMembers(ref Utf8JsonReader reader)
    {
        var emptyChoices = false;
        var usage = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isChoices = reader.ValueTextEquals("choices"u8);
            var isUsage = reader.ValueTextEquals("usage"u8);
            reader.Read();
            if (isChoices)
            {
                emptyChoices = IsEmptyArray(ref reader);
            }
            if (isUsage)
            {
                usage = reader.TokenType == JsonTokenType.StartObject;
            }
            reader.Skip();
        }
        return emptyChoices && usage;
    }

    private static bool IsEmptyArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }
        var lookahead = reader;
        return lookahead.Read() && lookahead.TokenType == JsonTokenType.EndArray;
    }
}
