using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace Menshen.Shell.Storage;

/// The text search of the report API (`q`), run by SQLite for each body it tests: does the
/// stored body contain `needle`, ignoring case? Decompresses into a pooled buffer. An ASCII
/// needle is matched on the UTF-8 bytes with ASCII case folding, without decoding the body;
/// any other needle on the decoded text with ordinal case folding.
internal static class BodySearch
{
    private const int MaxDecoded = 64 * 1024 * 1024;

    public static bool Contains(byte[] stored, BodyEncoding encoding, string needle)
    {
        if (needle.Length == 0) return true;
        if (encoding == BodyEncoding.Identity) return Contains(stored.AsSpan(), needle);
        var size = Math.Max(4096, stored.Length * 8);
        while (size <= MaxDecoded)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                if (BrotliDecoder.TryDecompress(stored, buffer,
                    out var written)) return Contains(buffer.AsSpan(0, written), needle);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            size *= 4;
        }
        return false;
    }

    private static bool Contains(ReadOnlySpan<byte> text, string needle) =>
        Ascii.IsValid(needle) ? ContainsAscii(text, needle) : ContainsText(text, needle);

    private static bool ContainsAscii(ReadOnlySpan<byte> text, string needle)
    {
        var (lower, upper) = ((byte)char.ToLowerInvariant(needle[0]),
            (byte)char.ToUpperInvariant(needle[0]));
        for (var start = 0; start <= text.Length - needle.Length;)
        {
            var found = text[start..].IndexOfAny(lower, upper);
            if (found < 0 || start + found > text.Length - needle.Length) return false;
            if (Ascii.EqualsIgnoreCase(text.Slice(start + found, needle.Length),
                needle)) return true;
            start += found + 1;
        }
        return false;
    }

    private static bool ContainsText(ReadOnlySpan<byte> text, string needle)
    {
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetChars(text, chars);
            return chars.AsSpan(0, length).Contains(needle, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
