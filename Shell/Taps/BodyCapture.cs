using System.Buffers;
using Menshen.Core.Audit;

namespace Menshen.Shell.Taps;

/// Keeps up to a cap of a body for the audit while counting every byte, so a long stream cannot
/// exhaust memory. A cap of zero (with capture on) means no cap. `expectedBytes` (a response's
/// Content-Length) sizes the buffer once. Without it (a stream) the body grows in pooled
/// buffers and is copied once, at its end, into an array of its exact size: a stream's
/// capture lives as long as the stream, and the doubling arrays it used to leave behind were
/// promoted by the collections that ran meanwhile.
public sealed class BodyCapture(bool enabled, long cap, long? expectedBytes = null) : IResponseTap
{
    private const int FirstRent = 4096;
    private byte[] _buffer = [];
    private bool _rented;
    private int _length;
    private CapturedBody? _captured;

    public long TotalBytes { get; private set; }

    public bool Truncated => TotalBytes > _length;

    public void OnChunk(ReadOnlySpan<byte> chunk)
    {
        TotalBytes += chunk.Length;
        if (!enabled || _captured is not null) return;
        var room = cap > 0 ? (int)Math.Min(cap - _length, chunk.Length) : chunk.Length;
        if (room <= 0) return;
        EnsureRoom(room);
        chunk[..room].CopyTo(_buffer.AsSpan(_length));
        _length += room;
    }

    /// The body kept (once the body ended; later chunks are counted, not kept).
    public CapturedBody? ToCaptured()
    {
        if (!enabled) return null;
        if (_captured is not null) return _captured with { TotalBytes = TotalBytes };
        var kept = _buffer.AsMemory(0, _length);
        if (_rented)
        {
            var exact = kept.ToArray();
            ArrayPool<byte>.Shared.Return(_buffer);
            (_buffer, _rented, kept) = (exact, false, exact);
        }
        _captured = new CapturedBody(kept, TotalBytes);
        return _captured;
    }

    private void EnsureRoom(int extra)
    {
        if (_length + extra <= _buffer.Length) return;
        if (_buffer.Length == 0 && expectedBytes is > 0 and <= int.MaxValue)
        {
            // Known length: the final array at once (capped), nothing to copy at the end.
            var exact = Math.Max(_length + extra, (int)expectedBytes);
            _buffer = new byte[cap > 0 ? (int)Math.Min(exact, cap) : exact];
            return;
        }
        var size = Math.Max(_length + extra, Math.Max(FirstRent, _buffer.Length * 2));
        if (cap > 0) size = (int)Math.Min(size, cap);
        var next = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _length).CopyTo(next);
        if (_rented) ArrayPool<byte>.Shared.Return(_buffer);
        (_buffer, _rented) = (next, true);
    }
}
