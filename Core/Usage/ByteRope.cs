namespace Menshen.Core.Usage;

/// An immutable list of byte segments, used for a line or an event that spans chunks. Appending
/// merges the last segment into the new one while it is no longer than the new one, so segment
/// sizes grow like a binary counter: few segments, and each byte is copied O(log n) times even when
/// a long line arrives one byte per chunk. Old ropes are never changed.
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
        Merge(rope, bytes.ToArray());

    /// Appends LF and then `bytes`, the way SSE joins the data lines of one event.
    public static ByteRope AppendLine(ByteRope? rope, ReadOnlySpan<byte> bytes)
    {
        var segment = new byte[bytes.Length + 1];
        segment[0] = (byte)'\n';
        bytes.CopyTo(segment.AsSpan(1));
        return Merge(rope, segment);
    }

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

    private static ByteRope Merge(ByteRope? prefix, byte[] tail)
    {
        while (prefix is not null && prefix._tail.Length <= tail.Length)
        {
            tail = [.. prefix._tail, .. tail];
            prefix = prefix._prefix;
        }
        return new ByteRope(prefix, tail);
    }
}
