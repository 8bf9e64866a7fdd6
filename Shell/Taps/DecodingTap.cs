using Menshen.Core.Http;
using Menshen.Shell.Wire;

namespace Menshen.Shell.Taps;

/// Hands the audit's tap a compressed body decoded (gzip, deflate, br, zstd) while the relay
/// forwards the compressed bytes unchanged: each chunk is fed to a decompressor, and whatever it
/// can decode so far goes on. A body that does not decode stops being read (its usage is unknown).
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

    // Made at the first chunk: `deflate` is told apart by its first bytes.
    private Stream DecoderFor(ReadOnlySpan<byte> first) =>
        ContentDecoders.Over(_feed, _coding, first, wholeInput: false);

    /// The tap to give the relay: `inner` itself for a body that is not compressed.
    public static IResponseTap For(IResponseTap inner, ContentCoding coding) =>
        coding is ContentCoding.Gzip or ContentCoding.Deflate or ContentCoding.Brotli
            or ContentCoding.Zstd
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
        int count;
        while ((count = Decoded()) > 0) _inner.OnChunk(_decoded.AsSpan(0, count));
    }

    // Only the decoder's own read is guarded: what the inner tap throws is not bad data.
    private int Decoded()
    {
        try
        {
            return _decoder!.Read(_decoded);
        }
        catch (Exception ex) when (ContentDecoders.IsUndecodable(ex))
        {
            _failed = true;
            return 0;
        }
    }

    public void Dispose() => _decoder?.Dispose();
}
