namespace Menshen.Shell.Taps;

/// The decompressor's source: the chunk being fed, then nothing until the next one.
internal sealed class ChunkFeed : Stream
{
    private byte[] _bytes = [];
    private int _offset;
    private int _length;

    public void Set(ReadOnlySpan<byte> chunk)
    {
        if (_bytes.Length < chunk.Length) _bytes = new byte[chunk.Length];
        chunk.CopyTo(_bytes);
        _offset = 0;
        _length = chunk.Length;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _length - _offset);
        _bytes.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) =>
        throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException();
}
