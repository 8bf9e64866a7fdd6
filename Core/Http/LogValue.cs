using System.Globalization;
using System.Text;

namespace Menshen.Core.Http;

/// Client-chosen text (path, model, key name) made safe for one log line: every C0 and C1
/// control character, DEL and the Unicode line separators become `\xNN`/`\uNNNN`, and a
/// backslash is doubled, so no value can end a line, colour a terminal or forge an entry.
public static class LogValue
{
    public static string Escape(string? value)
    {
        if (value is null) return "";
        if (!value.Any(NeedsEscape)) return value;
        var text = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            if (c == '\\') text.Append(@"\\");
            else if (!NeedsEscape(c)) text.Append(c);
            else if (c <= 0xFF) text.Append(@"\x").Append(Hex(c, "X2"));
            else text.Append(@"\u").Append(Hex(c, "X4"));
        }
        return text.ToString();
    }

    private static string Hex(char c, string format) =>
        ((int)c).ToString(format, CultureInfo.InvariantCulture);

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '\\' or '\u2028' or '\u2029';
}
