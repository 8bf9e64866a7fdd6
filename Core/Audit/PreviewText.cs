using System.Globalization;
using System.Text;

namespace Menshen.Core.Audit;

/// Plain one-line text for the audit list: whitespace and control characters collapse to one
/// space, and the text is cut at a character limit between two user-perceived characters
/// (grapheme clusters), so a cut never leaves half a flag, an emoji family without its last
/// member, or a letter without its accent (helper-92).
public static class PreviewText
{
    public const int DefaultMaxChars = 200;

    /// The clipped, single-line form of `text`, ending in "…" when it was cut; null when blank.
    public static string? Clip(string? text, int maxChars = DefaultMaxChars) =>
        text is null ? null : Clip(text.AsSpan(), maxChars);

    /// The clipped, single-line form of `text`, ending in "…" when it was cut; null when blank.
    public static string? Clip(ReadOnlySpan<char> text, int maxChars = DefaultMaxChars)
    {
        if (text.IsWhiteSpace()) return null;
        var builder = new StringBuilder(Math.Min(text.Length, maxChars + 1));
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
            // The whole code point after the limit: it tells whether the cluster there goes on.
            if (builder.Length > maxChars && !char.IsHighSurrogate(c))
                return Cut(builder, maxChars);
        }
        return builder.ToString();
    }

    /// Lossy UTF-8 decoding of at most enough bytes for a preview (4 bytes per character).
    /// Bytes left out make it end in "…", and never in half a character: a cut sequence read
    /// as U+FFFD, and a text that whitespace then shortened kept no sign that it went on
    /// (helper-92).
    public static string Decode(ReadOnlySpan<byte> bytes, int maxChars = DefaultMaxChars)
    {
        var limit = (maxChars + 1) * 4;
        if (bytes.Length <= limit) return Encoding.UTF8.GetString(bytes);
        var end = limit;
        // Back to the lead byte of a sequence the limit cuts, if it cuts one.
        while (end > limit - 3 && (bytes[end] & 0xC0) == 0x80) end--;
        return Encoding.UTF8.GetString(bytes[..end]) + "…";
    }

    private static string Cut(StringBuilder builder, int maxChars)
    {
        var text = builder.ToString();
        return string.Concat(text.AsSpan(0, ClusterEnd(text, maxChars)).TrimEnd(), "…");
    }

    /// The longest prefix of `text` of at most `maxChars` chars that ends between two grapheme
    /// clusters; when the first cluster alone is longer (a letter under hundreds of marks),
    /// the longest that ends between two code points. `text` holds the whole code point that
    /// starts at `maxChars`, which tells whether the cluster at the limit goes on.
    public static int ClusterEnd(ReadOnlySpan<char> text, int maxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(text.Length, maxChars);
        if (IsPlainPair(text, maxChars)) return maxChars; // the usual case, decided at once
        // Clusters are found from a point known to start one, or from the start.
        var end = maxChars - 1;
        while (end > 0 && !IsPlainPair(text, end)) end--;
        while (end < maxChars)
        {
            var next = end + StringInfo.GetNextTextElementLength(text[end..]);
            if (next > maxChars) break;
            end = next;
        }
        if (end > 0) return end;
        return char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
    }

    // A cluster starts between two of these: ASCII (no CR here: controls became spaces) and
    // the CJK ideographs (U+3400 to U+9FFF) neither join nor extend anything.
    private static bool IsPlainPair(ReadOnlySpan<char> text, int at) =>
        IsPlain(text[at - 1]) && IsPlain(text[at]);

    private static bool IsPlain(char c) => c < 0x80 || c is >= '\u3400' and <= '\u9FFF';
}
