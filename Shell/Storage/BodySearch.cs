using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace Menshen.Shell.Storage;

/// The text search of the report API (`q`), run by SQLite for each body it tests: does the
/// stored body contain `needle`, ignoring case? A compressed body is decompressed a window at a
/// time and searched as it comes, stopping at the first match: memory stays a few pooled
/// windows whatever the body's size (helper-78: a whole-body buffer per search, 64 MiB rented
/// for a 20 MB body, kept the process ~250 MB larger after each search). An ASCII needle is
/// matched on the UTF-8 bytes with ASCII case folding, without decoding the body; any other
/// needle on the decoded text with ordinal case folding. The tail of each window (the needle's
/// length less one) is searched again with the next, so a match across two windows is found.
internal static class BodySearch
{
    private const int Window = 64 * 1024;

    public static bool Contains(byte[] stored, BodyEncoding encoding, string needle)
    {
        if (needle.Length == 0) return true;
        var matcher = Ascii.IsValid(needle) ? (Matcher)new AsciiMatcher(needle)
            : new TextMatcher(needle);
        try
        {
            if (encoding == BodyEncoding.Identity) return matcher.Feed(stored, final: true);
            using var decoder = new BrotliDecoder();
            var window = ArrayPool<byte>.Shared.Rent(Window);
            try
            {
                ReadOnlySpan<byte> source = stored;
                while (true)
                {
                    var status = decoder.Decompress(source, window, out var read,
                        out var written);
                    source = source[read..];
                    var done = status is OperationStatus.Done or OperationStatus.InvalidData
                        || (status == OperationStatus.NeedMoreData && source.IsEmpty);
                    if (matcher.Feed(window.AsSpan(0, written), done)) return true;
                    if (done) return false;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(window);
            }
        }
        finally
        {
            matcher.Dispose();
        }
    }

    /// Searches text fed in pieces; `Feed` is true once the needle was seen.
    private abstract class Matcher : IDisposable
    {
        public abstract bool Feed(ReadOnlySpan<byte> piece, bool final);

        public abstract void Dispose();
    }

    private sealed class AsciiMatcher(string needle) : Matcher
    {
        private readonly byte[] _carry = ArrayPool<byte>.Shared.Rent(Window + needle.Length);
        private int _kept;

        public override bool Feed(ReadOnlySpan<byte> piece, bool final)
        {
            // Searched in steps of at most a window, each after the previous step's tail.
            while (!piece.IsEmpty)
            {
                var take = Math.Min(piece.Length, Window);
                piece[..take].CopyTo(_carry.AsSpan(_kept));
                var text = _carry.AsSpan(0, _kept + take);
                if (Found(text, needle)) return true;
                _kept = Math.Min(needle.Length - 1, text.Length);
                text[^_kept..].CopyTo(_carry);
                piece = piece[take..];
            }
            return false;
        }

        public override void Dispose() => ArrayPool<byte>.Shared.Return(_carry);

        private static bool Found(ReadOnlySpan<byte> text, string needle)
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
    }

    private sealed class TextMatcher(string needle) : Matcher
    {
        private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();
        private readonly char[] _carry = ArrayPool<char>.Shared.Rent(Window + needle.Length + 4);
        private int _kept;

        public override bool Feed(ReadOnlySpan<byte> piece, bool final)
        {
            do
            {
                var take = Math.Min(piece.Length, Window / 4);
                var chars = _utf8.GetChars(piece[..take], _carry.AsSpan(_kept),
                    final && take == piece.Length);
                var text = _carry.AsSpan(0, _kept + chars);
                if (text.Contains(needle, StringComparison.OrdinalIgnoreCase)) return true;
                _kept = Math.Min(needle.Length - 1, text.Length);
                text[^_kept..].CopyTo(_carry);
                piece = piece[take..];
            }
            while (!piece.IsEmpty);
            return false;
        }

        public override void Dispose() => ArrayPool<char>.Shared.Return(_carry);
    }
}
