using System.Globalization;
using System.Text;

namespace Menshen.Core.Http;

/// Client-chosen text (path, model, key name) made safe for one log line: every C0 and C1
/// control character, DEL and the Unicode line separators become `\xNN`/`\uNNNN`, and a
/// backslash is doubled, so no value can end a line, colour a terminal or forge an entry.
public static class LogValue
{
    /// Characters of a value kept in a log line; the rest is counted, not written (a client's
    /// 300 KB model name would otherwise make a 300 KB line).
    public const int MaxChars = 2048;

    public static string Escape(string? value)
    {
        if (value is null) return "";
        var kept = value.Length <= MaxChars ? value.Length
            : char.IsHighSurrogate(value[MaxChars - 1]) ? MaxChars - 1 : MaxChars;
        var head = value.AsSpan(0, kept);
        if (kept == value.Length && !HasEscapable(head)) return value;
        var text = new StringBuilder(kept + 24);
        foreach (var c in head)
        {
            if (c == '\\') text.Append(@"\\");
            else if (!NeedsEscape(c)) text.Append(c);
            else if (c <= 0xFF) text.Append(@"\x").Append(Hex(c, "X2"));
            else text.Append(@"\u").Append(Hex(c, "X4"));
        }
        if (kept < value.Length)
            text.Append("…(+").Append(Count(value.Length - kept)).Append(" chars)");
        return text.ToString();
    }

    /// The value of a `name=value` field of a log line: escaped as above, and its blanks too,
    /// so that a client's model or path cannot add fields a logfmt reader would take.
    public static string Field(string? value)
    {
        var text = Escape(value);
        if (!HasBlank(text)) return text;
        var field = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c)) field.Append(c);
            else if (c <= 0xFF) field.Append(@"\x").Append(Hex(c, "X2"));
            else field.Append(@"\u").Append(Hex(c, "X4"));
        }
        return field.ToString();
    }

    private static string Hex(char c, string format) =>
        ((int)c).ToString(format, CultureInfo.InvariantCulture);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    // A loop, not LINQ: this runs twice for every request's log line.
    private static bool HasBlank(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) return true;
        }
        return false;
    }

    private static bool HasEscapable(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (NeedsEscape(c)) return true;
        }
        return false;
    }

    // Text-direction marks and overrides too: `\u202E` made a path read backwards.
    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '\\' or '\u2028' or '\u2029' || TextDirection.Is(c);
}
