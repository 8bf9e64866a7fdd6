namespace Menshen.Core.Tests;

public static class Chunking
{
    /// Cuts `bytes` into consecutive chunks of the given sizes; the rest is the last chunk.
    public static IEnumerable<ReadOnlyMemory<byte>> Split(byte[] bytes, IEnumerable<int> sizes)
    {
        var at = 0;
        foreach (var size in sizes)
        {
            var length = Math.Min(size, bytes.Length - at);
            yield return bytes.AsMemory(at, length);
            at += length;
        }
        yield return bytes.AsMemory(at);
    }

    public static IEnumerable<ReadOnlyMemory<byte>> Bytewise(byte[] bytes) =>
        Enumerable.Range(0, bytes.Length).Select(i => (ReadOnlyMemory<byte>)bytes.AsMemory(i, 1));
}
