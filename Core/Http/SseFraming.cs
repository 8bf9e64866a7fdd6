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

    /// Where a `data:` line's object has the member `"usage":null` at its top level, as
    /// OpenAI writes it at the end of every chunk once include_usage is set (`data: {…,
    /// "usage":null}`), and DashScope in the middle (`…,"usage":null,"created":…`, helper-97):
    /// the member with one of its commas (and the blanks before a closing brace), or null.
    /// Blanks may stand around the comma, the colon and the brace (`, "usage": null}`, as
    /// Python's json.dumps writes it: helper-67). Inside a JSON string the quotes would be
    /// escaped, and a nested member is the upstream's own, not the one the gateway's request
    /// added.
    public static Range? NullUsageMember(ReadOnlySpan<byte> sseEvent)
    {
        ReadOnlySpan<byte> key = "\"usage\""u8;
        for (var from = 0; sseEvent[from..].IndexOf(key) is var found and >= 0;
            from += found + key.Length)
        {
            var at = from + found;
            var rest = sseEvent[(at + key.Length)..].TrimStart(Blanks);
            if (rest is not [(byte)':', ..]) continue;
            rest = rest[1..].TrimStart(Blanks);
            if (!rest.StartsWith("null"u8)) continue;
            var afterNull = sseEvent.Length - rest.Length + 4;
            rest = rest[4..].TrimStart(Blanks);
            var lineStart = sseEvent[..at].LastIndexOfAny(Lf, Cr) + 1;
            if (!sseEvent[lineStart..].StartsWith("data:"u8)) continue;
            var before = sseEvent[..at].TrimEnd(Blanks);
            var next = sseEvent.Length - rest.Length;
            // `,"usage":null` before the brace that ends the line: the root's, so no depth scan
            // (OpenAI's form, in every chunk of every such stream).
            if (before is [.., (byte)','] && rest is [(byte)'}']
                or [(byte)'}', (byte)'\n' or (byte)'\r', ..])
                return (before.Length - 1)..next;
            if (DepthAt(sseEvent[(lineStart + 5)..at]) != 1) continue;
            // Among the members: `,"usage":null` before the next one, or `"usage":null,` as the
            // first.
            if (before is [.., (byte)','] && rest is [(byte)',', ..])
                return (before.Length - 1)..afterNull;
            if (before is [.., (byte)'{'] && rest is [(byte)',', ..])
                return at..(next + 1);
        }
        return null;
    }

    // How deep in objects and arrays the end of `json` is, strings skipped.
    private static int DepthAt(ReadOnlySpan<byte> json)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                if (b == '\\') i++;
                else if (b == '"') inString = false;
            }
            else if (b == '"') inString = true;
            else if (b is (byte)'{' or (byte)'[') depth++;
            else if (b is (byte)'}' or (byte)']') depth--;
        }
        return depth;
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
