using System.IO.Compression;
using Menshen.Core.Http;

namespace Menshen.Shell.Taps;

/// Hands the audit's tap a compressed body decoded (gzip, deflate, br) while the relay forwards
/// the compressed bytes unchanged: each chunk is fed to a decompressor, and whatever it can
/// decode so far goes on. A body that does not decode stops being read (its usage is unknown).
internal sealed class DecodingTap : IResponseTap, IDisposable
{
    private readonly IResponseTap _inner;
    private readonly ChunkFeed _feed = new();
    private readonly ContentCoding _coding;
    private Stream? _decoder;
    private readonly byte[] _decoded = new byte[16 * 1024]; // the relay's chunk size
    private bool _failed;

    private DecodingTap(IResponseTap inner, ContentCoding coding)
    {
        _inner = inner;
        _coding = coding;
    }

    // Made at the first chunk: `deflate` is zlib-wrapped or, from some servers, raw.
    private Stream DecoderFor(ReadOnlySpan<byte> first) => _coding switch
    {
        ContentCoding.Gzip => new GZipStream(_feed, CompressionMode.Decompress),
        ContentCoding.Deflate when !ContentCodings.IsZlibHeader(first) =>
            new DeflateStream(_feed, CompressionMode.Decompress),
        ContentCoding.Deflate => new ZLibStream(_feed, CompressionMode.Decompress),
        _ => new BrotliStream(_feed, CompressionMode.Decompress),
    };

    /// The tap to give the relay: `inner` itself for a body that is not compressed.
    public static IResponseTap For(IResponseTap inner, ContentCoding coding) =>
        coding is ContentCoding.Gzip or ContentCoding.Deflate or ContentCoding.Brotli
            ? new DecodingTap(inner, coding)
            : inner;

    /// The bytes relayed, as they came (compressed).
    public long RawBytes { get; private set; }

    /// The body did not decode: what the inner tap saw is not the answer.
    public bool Failed => _failed;

    public void OnChunk(ReadOnlySpan<byte> chunk)
    {
        RawBytes += chunk.Length;
        if (_failed) return;
        _decoder ??= DecoderFor(chunk);
        _feed.Set(chunk);
        try
        {
            int count;
            while ((count = _decoder.Read(_decoded)) > 0) _inner.OnChunk(_decoded.AsSpan(0, count));
        }
        catch (InvalidDataException)
        {
            _failed = true;
        }
    }

    public void Dispose() => _decoder?.Dispose();
}
