using System.IO.Compression;
using System.Net;
using System.Text;
using Menshen.Shell.Tests.Messages;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

/// Request bodies sent compressed (Codex zstd-compresses its Responses bodies when signed in
/// with ChatGPT; other gateways gave it "the 'None' model is not supported"): an understood
/// endpoint decodes them, routes and records the JSON, and sends it on plain; a passthrough
/// endpoint forwards them as they came.
public class CompressedRequestTests
{
    private const string Chat =
        """{"model":"m","messages":[{"role":"user","content":"packed, then read"}]}""";

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("x-gzip", "gzip")]
    [InlineData("deflate", "deflate")]
    [InlineData("deflate", "raw-deflate")] // RFC 1951 without the zlib header: some clients
    [InlineData("br", "br")]
    [InlineData("zstd", "zstd")]
    [InlineData("ZSTD", "zstd")]
    [InlineData("gzip, zstd", "gzip,zstd")] // applied in the order listed: undone in reverse
    [InlineData("identity, br", "br")]
    public async Task An_understood_body_is_decoded_routed_recorded_and_sent_on_plain(
        string header, string applied)
    {
        await using var env = await TestEnv.StartAsync(audit: true);

        using var response = await PostPackedAsync(env, "/v1/chat/completions",
            Pack(Chat, applied), header);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = env.Sim.Requests.Single();
        Assert.Equal(Chat, upstream.BodyText);
        Assert.False(upstream.Headers.ContainsKey("content-encoding"));
        var stored = await env.Store!.StoredAsync((await env.Sink.NextAsync()).Id);
        Assert.Equal(200, stored.Exchange.Status);
        Assert.Equal(Chat, Encoding.UTF8.GetString(stored.Exchange.RequestBody!.Bytes.Span));
        Assert.Equal(Chat.Length, stored.Exchange.RequestBytes);
    }

    [Fact]
    public async Task A_zstd_messages_body_is_decoded_for_the_anthropic_dialect()
    {
        await using var env = await AnthropicGateway.StartAsync();

        using var response = await PostPackedAsync(env, "/v1/messages",
            Pack(AnthropicGateway.Hello, "zstd"), "zstd");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AnthropicGateway.Hello, env.Sim.Requests.Single().BodyText);
    }

    [Fact]
    public async Task An_unknown_coding_is_a_415_listing_the_ones_the_gateway_decodes()
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await PostPackedAsync(env, "/v1/chat/completions",
            Encoding.UTF8.GetBytes(Chat), "compress");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("gzip, deflate, br, zstd",
            string.Join(", ", response.Headers.GetValues("Accept-Encoding")));
        var message = await OpenAiError.AssertShapeAsync(response);
        Assert.Contains("Content-Encoding 'compress'", message, StringComparison.Ordinal);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    /// helper-82 found a plain body labelled gzip forwarded still labelled; now that the label
    /// is acted on, a body that is not what it says is the client's error.
    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task A_body_that_is_not_what_its_coding_says_is_a_400(string coding)
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await PostPackedAsync(env, "/v1/chat/completions",
            Encoding.UTF8.GetBytes(Chat), coding);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = await OpenAiError.AssertShapeAsync(response);
        Assert.Contains($"does not decode as its Content-Encoding '{coding}'", message,
            StringComparison.Ordinal);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    [Fact]
    public async Task A_cut_zstd_body_is_a_400_in_the_anthropic_dialect()
    {
        await using var env = await AnthropicGateway.StartAsync();
        var packed = Pack(AnthropicGateway.Hello, "zstd");

        using var response = await PostPackedAsync(env, "/v1/messages",
            packed[..(packed.Length - 4)], "zstd");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (type, _) = AnthropicGateway.ErrorOf(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", type);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    /// A few KB that unpack past `max_request_body_bytes` stop at the limit.
    [Theory]
    [InlineData("zstd")]
    [InlineData("gzip")]
    [InlineData("gzip,br")]
    public async Task A_body_that_decodes_past_the_limit_is_a_413(string applied)
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
            TestEnv.DefaultConfig(sims) with
            {
                Server = TestConfigs.With().Server with { MaxRequestBodyBytes = 64 * 1024 },
            });
        var bomb = Pack(Chat.Replace("packed, then read", new string(' ', 10_000_000),
            StringComparison.Ordinal), applied);

        using var response = await PostPackedAsync(env, "/v1/chat/completions", bomb,
            applied.Replace(",", ", ", StringComparison.Ordinal));

        Assert.True(bomb.Length < 64 * 1024, $"the packed body is {bomb.Length} bytes");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("decodes to more than", await OpenAiError.AssertShapeAsync(response),
            StringComparison.Ordinal);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    [Fact]
    public async Task A_passthrough_body_goes_on_as_it_came()
    {
        await using var env = await TestEnv.StartAsync();
        var packed = Pack("opaque to the gateway", "zstd");

        using var response = await PostPackedAsync(env, "/v1/echo", packed, "zstd");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = env.Sim.Requests.Single();
        Assert.Equal(packed, upstream.Body.ToArray());
        Assert.Equal("zstd", upstream.Headers["content-encoding"]);
    }

    private static async Task<HttpResponseMessage> PostPackedAsync(TestEnv env, string path,
        byte[] body, string contentEncoding)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        content.Headers.TryAddWithoutValidation("Content-Encoding", contentEncoding);
        return await env.Client.PostAsync(path, content);
    }

    /// `text` compressed by each coding of `applied` (comma-separated) in turn.
    public static byte[] Pack(string text, string applied)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var coding in applied.Split(','))
            bytes = coding == "zstd" ? new ZstdSharp.Compressor(3).Wrap(bytes).ToArray()
                : Compress(bytes, coding);
        return bytes;
    }

    private static byte[] Compress(byte[] bytes, string coding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = coding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.SmallestSize),
            "deflate" => new ZLibStream(output, CompressionLevel.SmallestSize),
            "raw-deflate" => new DeflateStream(output, CompressionLevel.SmallestSize),
            "br" => new BrotliStream(output, CompressionLevel.SmallestSize),
            _ => throw new ArgumentOutOfRangeException(nameof(coding), coding, "no such coding"),
        })
        {
            compressor.Write(bytes);
        }
        return output.ToArray();
    }
}
