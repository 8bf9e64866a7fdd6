using Menshen.Core.Audit;

namespace Menshen.Shell.Taps;

/// Keeps up to a cap of a body for the audit while counting every byte, so a long stream cannot
/// exhaust memory. A cap of zero (with capture on) means no cap. `expectedBytes` (a response's
/// Content-Length) sizes the buffer once instead of growing it from 4 KiB.
public sealed class BodyCapture(bool enabled, long cap, long? expectedBytes = null) : IResponseTap
{
    private byte[] _buffer = [];
    private int _length;

    public long TotalBytes { get; private set; }

    public ReadOnlyMemory<byte> Bytes => _buffer.AsMemory(0, _length);

    public bool Truncated => TotalBytes > _length;

    public void OnChunk(ReadOnlySpan<byte> chunk)
    {
        TotalBytes += chunk.Length;
        if (!enabled) return;
        var room = cap > 0 ? (int)Math.Min(cap - _length, chunk.Length) : chunk.Length;
        if (room <= 0) return;
        EnsureRoom(room);
        chunk[..room].CopyTo(_buffer.AsSpan(_length));
        _length += room;
    }

    public CapturedBody? ToCaptured() =>
        enabled ? new CapturedBody(_buffer.AsMemory(0, _length), TotalBytes) : null;

    private void EnsureRoom(int extra)
    {
        if (_length + extra <= _buffer.Length) return;
        var first = _buffer.Length == 0 && expectedBytes is > 0 and <= int.MaxValue
            ? (int)expectedBytes : 4096;
        var size = Math.Max(_length + extra, Math.Max(first, _buffer.Length * 2));
        if (cap > 0) size = (int)Math.Min(size, cap);
        Array.Resize(ref _buffer, size);
    }
}
