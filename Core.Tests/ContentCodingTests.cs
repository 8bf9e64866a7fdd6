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
    [InlineData("zstd", ContentCoding.Unsupported)]
    [InlineData("gzip, br", ContentCoding.Unsupported)]
    [InlineData("identity, gzip", ContentCoding.Gzip)]
    public void Of_names_the_coding_the_audit_can_decode(string header, ContentCoding expected)
    {
        var actual = ContentCodings.Of(header.Length == 0 ? [] : [header]);

        Assert.Equal(expected, actual);
    }
}
