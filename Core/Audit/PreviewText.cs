using System.Text;

namespace Menshen.Core.Audit;

/// Plain one-line text for the audit list: whitespace and control characters collapse to one
/// space, and the text is cut at a character limit without splitting a surrogate pair.
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
            if (builder.Length > maxChars) return Cut(builder, maxChars);
        }
        return builder.ToString();
    }

    /// Lossy UTF-8 decoding of at most enough bytes for a preview (4 bytes per character).
    public static string Decode(ReadOnlySpan<byte> bytes, int maxChars = DefaultMaxChars)
    {
        var limit = Math.Min(bytes.Length, (maxChars + 1) * 4);
        return Encoding.UTF8.GetString(bytes[..limit]);
    }

    private static string Cut(StringBuilder builder, int maxChars)
    {
        var length = char.IsHighSurrogate(builder[maxChars - 1]) ? maxChars - 1 : maxChars;
        return builder.ToString(0, length).TrimEnd() + "…";
    }
}
