using System.IO.Compression;
using Menshen.Core.Http;

namespace Menshen.Shell.Wire;

/// The decompressor for each content coding, for request bodies (RequestBodyDecoder) and for
/// the audit's reading of compressed answers (Taps/DecodingTap).
public static class ContentDecoders
{
    /// A decompressor reading `source`; `start` is its first bytes (`deflate` is zlib-wrapped, as
    /// RFC 9110 says, or raw from some peers: told apart by the header). `wholeInput`: the source
    /// ends where the body does; fed chunk by chunk, a frame's end may not have come yet.
    public static Stream Over(Stream source, ContentCoding coding, ReadOnlySpan<byte> start,
        bool wholeInput = true) => coding switch
    {
        ContentCoding.Gzip => new GZipStream(source, CompressionMode.Decompress),
        ContentCoding.Deflate when !ContentCodings.IsZlibHeader(start) =>
            new DeflateStream(source, CompressionMode.Decompress),
        ContentCoding.Deflate => new ZLibStream(source, CompressionMode.Decompress),
        ContentCoding.Brotli => new BrotliStream(source, CompressionMode.Decompress),
        ContentCoding.Zstd => new ZstdSharp.DecompressionStream(source,
            checkEndOfStream: wholeInput),
        _ => throw new ArgumentOutOfRangeException(nameof(coding), coding, "not a decoding"),
    };

    /// Whether `fault`, thrown by a decoder's read, says the bytes are not what their coding
    /// claims (Brotli's decoder says so with an InvalidOperationException).
    public static bool IsUndecodable(Exception fault) =>
        fault is InvalidDataException or EndOfStreamException or InvalidOperationException
            or ZstdSharp.ZstdException;
}
