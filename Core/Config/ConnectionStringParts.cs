using System.Collections.Immutable;

namespace Menshen.Core.Config;

/// An Npgsql connection string cut into its `key=value` parts as DbConnectionStringBuilder
/// reads it: a value may be quoted in `"…"` (a `"` doubled inside) or `'…'` (a `'` doubled
/// inside), and a `;` inside quotes belongs to the value (a generated password may hold one).
public static class ConnectionStringParts
{
    /// One part: its key (trimmed) and where its value starts and ends in the text.
    public readonly record struct Part(string Key, int ValueStart, int ValueEnd);

    /// The parts, or null when a part has no `key=` or a quote is not closed.
    public static ImmutableArray<Part>? Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = ImmutableArray.CreateBuilder<Part>();
        var i = 0;
        while (i < text.Length)
        {
            var end = text.IndexOf(';', i);
            var eq = text.IndexOf('=', i);
            if (end == i || (end > 0 && text.AsSpan(i, end - i).IsWhiteSpace()))
            {
                i = end + 1; // empty part: `;;` or a trailing `; `
                continue;
            }
            if (eq < 0 || (end >= 0 && eq > end)) return text.AsSpan(i).IsWhiteSpace() ? parts
                .ToImmutable() : null;
            var key = text[i..eq].Trim();
            if (key.Length == 0) return null;
            var valueStart = eq + 1;
            while (valueStart < text.Length && char.IsWhiteSpace(text[valueStart])) valueStart++;
            var valueEnd = ValueEnd(text, valueStart);
            if (valueEnd < 0) return null;
            parts.Add(new Part(key, valueStart, valueEnd));
            var next = text.IndexOf(';', valueEnd);
            // After a closing quote only white space may come before the next `;`.
            var tail = text.AsSpan(valueEnd, (next < 0 ? text.Length : next) - valueEnd);
            if (!tail.IsWhiteSpace()) return null;
            if (next < 0) break;
            i = next + 1;
        }
        return parts.ToImmutable();
    }

    // Past the closing quote of a quoted value, else the next `;` or the end; -1: not closed.
    private static int ValueEnd(string text, int start)
    {
        if (start >= text.Length || text[start] is not ('"' or '\''))
        {
            var semicolon = text.IndexOf(';', start);
            return semicolon < 0 ? text.Length : semicolon;
        }
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] != quote) continue;
            if (i + 1 < text.Length && text[i + 1] == quote)
            {
                i++; // a doubled quote is one quote of the value
                continue;
            }
            return i + 1;
        }
        return -1;
    }
}
