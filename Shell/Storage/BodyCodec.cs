using System.IO.Compression;

namespace Menshen.Shell.Storage;

/// Compresses captured bodies for storage when that pays: above 1 KiB, and only when Brotli
/// saves at least a tenth. Quality 4 keeps the single writer fast; JSON and SSE still shrink
/// several times over.
internal static class BodyCodec
{
    public const int MinCompressBytes = 1024;
    private const int Quality = 4;
    private const int Window = 22;

    public static (byte[] Stored, BodyEncoding Encoding) Encode(ReadOnlySpan<byte> body)
    {
        if (body.Length >= MinCompressBytes)
        {
            var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length)];
            if (BrotliEncoder.TryCompress(body, buffer, out var written, Quality, Window)
                && written <= body.Length - body.Length / 10)
                return (buffer[..written], BodyEncoding.Brotli);
        }
        return (body.ToArray(), BodyEncoding.Identity);
    }

    /// The stored body as (lossy) UTF-8 text.
    public static string Text(byte[] stored, BodyEncoding encoding) =>
        System.Text.Encoding.UTF8.GetString(Decode(stored, encoding));

    public static byte[] Decode(byte[] stored, BodyEncoding encoding)
    {
        if (encoding == BodyEncoding.Identity) return stored;
        using var input = new MemoryStream(stored, writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(stored.Length * 4);
        brotli.CopyTo(output);
        return output.ToArray();
    }
}
