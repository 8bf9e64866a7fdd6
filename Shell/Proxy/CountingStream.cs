namespace Menshen.Shell.Proxy;

/// A read-only pass-through stream that counts the bytes the upstream request consumed, and
/// remembers when reading failed through the client's fault (too large, malformed framing).
/// `limit`: past it, reading fails with <see cref="OverLimit"/>.
public sealed class CountingStream(Stream inner, long? limit = null) : Stream
{
    /// The body went past the limit this stream holds.
    public sealed class OverLimit() : IOException("The request body is over the limit.");

    public long BytesRead { get; private set; }

    public Exception? ClientFault { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = Counted(inner.Read(buffer, offset, count));
        if (BytesRead > limit) throw new OverLimit();
        return read;
    }

    public override async ValueTask<int> ReadAsync(
        Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            var read = Counted(await inner.ReadAsync(buffer, cancellationToken));
            if (BytesRead > limit) throw new OverLimit();
            return read;
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException)
        {
            ClientFault = ex;
            throw;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count,
        CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException();

    private int Counted(int read)
    {
        BytesRead += read;
        return read;
    }
}
