using System.Globalization;
using System.Text;

namespace Menshen.Core.Routing;

/// One percent-decoding pass over a path, and the escaping that reverses it for one segment.
internal static class PercentDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// The path with each `%XX` decoded once (as UTF-8); null for a bad escape or bad UTF-8.
    public static string? DecodeOnce(string path)
    {
        if (!path.Contains('%', StringComparison.Ordinal)) return path;
        var bytes = new List<byte>(path.Length);
        var run = 0;
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] != '%') continue;
            bytes.AddRange(Encoding.UTF8.GetBytes(path[run..i]));
            if (i + 2 >= path.Length || !IsHex(path[i + 1]) || !IsHex(path[i + 2])) return null;
            bytes.Add(Convert.ToByte(path.Substring(i + 1, 2), 16));
            i += 2;
            run = i + 1;
        }
        bytes.AddRange(Encoding.UTF8.GetBytes(path[run..]));
        try
        {
            return StrictUtf8.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// A decoded segment escaped for a URL path: RFC 3986 pchar kept, everything else `%XX`.
    public static string EscapeSegment(string segment)
    {
        var text = new StringBuilder(segment.Length);
        foreach (var b in Encoding.UTF8.GetBytes(segment))
        {
            var c = (char)b;
            var kept = b < 0x80
                && (char.IsAsciiLetterOrDigit(c) || Kept.Contains(c, StringComparison.Ordinal));
            if (kept) text.Append(c);
            else text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    // Unreserved and the sub-delims, ':' and '@' (RFC 3986 pchar), minus nothing.
    private const string Kept = "-._~!$&'()*+,;=:@";

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
