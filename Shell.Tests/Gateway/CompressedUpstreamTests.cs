using System.IO.Compression;
using System.Text;
using Menshen.Core.Usage;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

/// An upstream that compresses its answer although nobody asked (issue 14): the client gets the
/// bytes unchanged, and the audit decodes them for the usage and the stored body.
public class CompressedUpstreamTests
{
    private const string Answer = """
        {"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,"message":
        {"role":"assistant","content":"Compressed but counted."},"finish_reason":"stop"}],
        "usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18}}
        """;

    private const string Chat = """{"model":"m","messages":[]}""";

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("deflate", "deflate")]
    [InlineData("deflate", "raw-deflate")] // RFC 1951 without the zlib header: some servers do
    [InlineData("br", "br")]
    [InlineData("zstd", "zstd")]
    public async Task Usage_and_body_are_read_through_the_encoding(string encoding, string form)
    {
        var compressed = Compress(Encoding.UTF8.GetBytes(Answer), form);
        await using var upstream =
            await FixedUpstream.StartAsync(compressed, "application/json", encoding);
        await using var env = await TestEnv.StartAsync(
            configure: _ => TestConfigs.With(TestConfigs.Provider("zip", upstream.BaseUrl)),
            audit: true);

        using var response = await env.PostAsync("/v1/chat/completions", Chat);
        var relayed = await response.Content.ReadAsByteArrayAsync();

        var stored = await env.Store!.StoredAsync((await env.Sink.NextAsync()).Id);
        Assert.Equal(compressed, relayed);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Equal((UsageSource.Body, new TokenUsage(11, 7, 18, null, null)),
            (stored.Exchange.UsageSource, stored.Exchange.Usage));
        Assert.Equal(Answer, Encoding.UTF8.GetString(stored.Exchange.ResponseBody!.Bytes.Span));
        Assert.Equal("Compressed but counted.", stored.ResponsePreview);
    }

    /// An answer labelled compressed that is not: the client still gets its bytes, and the row
    /// says the usage is unknown (Brotli's decoder reports bad data with an exception of its own
    /// kind, which escaped the tap).
    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    [InlineData("zstd")]
    public async Task An_answer_that_does_not_decode_is_relayed_and_recorded(string encoding)
    {
        var bytes = Encoding.UTF8.GetBytes(Answer);
        await using var upstream =
            await FixedUpstream.StartAsync(bytes, "application/json", encoding);
        await using var env = await TestEnv.StartAsync(
            configure: _ => TestConfigs.With(TestConfigs.Provider("zip", upstream.BaseUrl)),
            audit: true);

        using var response = await env.PostAsync("/v1/chat/completions", Chat);
        var relayed = await response.Content.ReadAsByteArrayAsync();

        var exchange = await env.Sink.NextAsync();
        Assert.Equal(bytes, relayed);
        Assert.Equal(200, exchange.Status);
        Assert.Equal(UsageSource.None, exchange.UsageSource);
    }

    private static byte[] Compress(byte[] bytes, string encoding)
    {
        if (encoding == "zstd") return CompressedRequestTests.Pack(Encoding.UTF8.GetString(bytes), "zstd");
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Optimal),
            "deflate" => new ZLibStream(output, CompressionLevel.Optimal),
            "raw-deflate" => new DeflateStream(output, CompressionLevel.Optimal),
            _ => new BrotliStream(output, CompressionLevel.Optimal),
        })
        {
            compressor.Write(bytes);
        }
        return output.ToArray();
    }
}
