using System.Text;

namespace Menshen.Core.Audit;

/// Puts the text deltas of an SSE stream back together, stopping once a preview has enough.
internal static class SsePreview
{
    public static string? Text(ReadOnlyMemory<byte> body, int maxChars)
    {
        var builder = new StringBuilder();
        var rest = body;
        while (!rest.IsEmpty && builder.Length <= maxChars)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (DataOf(line) is { } data) builder.Append(SseDeltaText.Of(data.Span));
        }
        return builder.Length > 0 ? builder.ToString() : null;
    }

    /// The first non-null answer of `read` over the stream's JSON data lines (an error event's
    /// message), or null.
    public static string? FirstData(ReadOnlyMemory<byte> body,
        Func<ReadOnlyMemory<byte>, string?> read)
    {
        var rest = body;
        while (!rest.IsEmpty)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (DataOf(line) is { } data && read(data) is { } found) return found;
        }
        return null;
    }

    private static ReadOnlyMemory<byte>? DataOf(ReadOnlyMemory<byte> line)
    {
        var span = line.Span;
        if (!span.StartsWith("data:"u8)) return null;
        var data = line[5..].TrimEnd((byte)'\r');
        // Typed: a bare `null` here became an empty ReadOnlyMemory (through byte[]'s implicit
        // conversion), never null, so `[DONE]` was read as an empty JSON text: one exception
        // thrown and caught for every stream the writer previewed (bench-alloc listed it).
        return data.Span.TrimStart((byte)' ').StartsWith("{"u8)
            ? data : (ReadOnlyMemory<byte>?)null;
    }
}
