using System.Text;
using System.Text.Unicode;

namespace Menshen.Core.Reports;

/// Finds the query parameters whose value is not UTF-8 once percent-decoded. Read as text such
/// a value becomes U+FFFD or stays `%FF`, which no stored body holds: `q=%FF` answered `[]`
/// as if nothing matched. The parser refuses them instead.
public static class QueryEncoding
{
    /// Each parameter of `rawQuery` (with or without its `?`) whose value is not UTF-8, by its
    /// decoded name, with its first such value as it came.
    public static IReadOnlyDictionary<string, string> NotUtf8(string rawQuery)
    {
        ArgumentNullException.ThrowIfNull(rawQuery);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in rawQuery.TrimStart('?').Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0) continue;
            var value = pair[(equals + 1)..];
            if (Utf8.IsValid(Decode(value))) continue;
            var name = Encoding.UTF8.GetString(Decode(pair[..equals]));
            found.TryAdd(name, value);
        }
        return found;
    }

    /// The bytes a query's text stands for: `%XX` is a byte, `+` a space, any other character
    /// its UTF-8 (a `%` without two hex digits stands for itself, as ASP.NET reads it).
    private static byte[] Decode(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add(Convert.FromHexString(text.AsSpan(i + 1, 2))[0]);
                i += 2;
            }
            else if (c < 0x80) bytes.Add(c == '+' ? (byte)' ' : (byte)c);
            else bytes.AddRange(Encoding.UTF8.GetBytes(text, i, 1));
        }
        return [.. bytes];
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
