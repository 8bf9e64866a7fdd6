using CsCheck;
using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class ContentCodingTests
{
    [Theory]
    [InlineData("", ContentCoding.Identity)]
    [InlineData("identity", ContentCoding.Identity)]
    [InlineData("gzip", ContentCoding.Gzip)]
    [InlineData("X-GZIP", ContentCoding.Gzip)]
    [InlineData("deflate", ContentCoding.Deflate)]
    [InlineData("br", ContentCoding.Brotli)]
    [InlineData(" br ", ContentCoding.Brotli)]
    [InlineData("zstd", ContentCoding.Zstd)]
    [InlineData("compress", ContentCoding.Unsupported)]
    [InlineData("gzip, br", ContentCoding.Unsupported)]
    [InlineData("identity, gzip", ContentCoding.Gzip)]
    public void Of_names_the_coding_the_audit_can_decode(string header, ContentCoding expected)
    {
        var actual = ContentCodings.Of(header.Length == 0 ? [] : [header]);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void IsZlibHeader_tells_zlib_wrapped_deflate_from_raw() =>
        // (An empty raw stream is no bytes at all: nothing to decode either way.)
        Gen.Select(Gen.Byte.Array[1, 3000], Gen.Enum<System.IO.Compression.CompressionLevel>())
            .Sample((payload, level) =>
                ContentCodings.IsZlibHeader(Compress(payload, level, zlib: true))
                && !ContentCodings.IsZlibHeader(Compress(payload, level, zlib: false)));

    // Mutation testing (helper-93): two bytes are enough to tell, and both count.
    [Theory]
    [InlineData(new byte[] { 0x78, 0x9C }, true)]
    [InlineData(new byte[] { 0x78, 0x01, 0x00 }, true)]
    [InlineData(new byte[] { 0x78, 0x00 }, false)]
    [InlineData(new byte[] { 0x00, 0x00, 0x00 }, false)]
    [InlineData(new byte[] { 0x78 }, true)]
    public void IsZlibHeader_reads_the_first_two_bytes(byte[] start, bool expected) =>
        Assert.Equal(expected, ContentCodings.IsZlibHeader(start));

    private static byte[] Compress(byte[] payload, System.IO.Compression.CompressionLevel level,
        bool zlib)
    {
        using var output = new MemoryStream();
        using (Stream compressor = zlib
            ? new System.IO.Compression.ZLibStream(output, level)
            : new System.IO.Compression.DeflateStream(output, level))
        {
            compressor.Write(payload);
        }
        return output.ToArray();
    }
}
