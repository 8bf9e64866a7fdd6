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

    private static byte[] Compress(byte[] bytes, string encoding)
    {
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
