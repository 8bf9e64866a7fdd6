namespace Menshen.Core.Usage;

/// An immutable list of byte segments: appending a chunk costs only that chunk, so a long line
/// arriving in many small chunks is copied once when it completes, not once per chunk.
internal sealed class ByteRope
{
    private readonly ByteRope? _prefix;
    private readonly byte[] _tail;

    private ByteRope(ByteRope? prefix, byte[] tail)
    {
        _prefix = prefix;
        _tail = tail;
        Length = (prefix?.Length ?? 0) + tail.Length;
    }

    public int Length { get; }

    public static ByteRope Append(ByteRope? rope, ReadOnlySpan<byte> bytes) =>
        new(rope, bytes.ToArray());

    /// The rope's bytes followed by `rest`, in one new array.
    public byte[] Concat(ReadOnlySpan<byte> rest)
    {
        var result = new byte[Length + rest.Length];
        for (var node = this; node is not null; node = node._prefix)
        {
            node._tail.CopyTo(result, node.Length - node._tail.Length);
        }
        rest.CopyTo(result.AsSpan(Length));
        return result;
    }
}
