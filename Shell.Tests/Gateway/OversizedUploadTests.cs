using System.Net.Sockets;
using System.Text;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

/// helper-82: a body over `max_request_body_bytes` was refused (413, recorded) and the connection
/// closed while the client was still writing it; Node's fetch then saw a broken pipe, not the
/// 413, and the SDKs sent the whole body again. The gateway now reads and drops the rest first.
public class OversizedUploadTests
{
    private const int Limit = 64 * 1024;
    private const int Sent = 24 * 1024 * 1024; // far beyond what the sockets' buffers hold

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/files")]
    public async Task A_client_still_writing_an_oversized_body_reads_the_413(string path)
    {
        await using var env = await StartAsync();
        using var client = await ConnectAsync(env);
        var stream = client.GetStream();

        await WriteHeadAsync(stream, path, $"Content-Length: {Sent}");
        var chunk = Filled(64 * 1024);
        for (var written = 0; written < Sent; written += chunk.Length)
            await stream.WriteAsync(chunk); // threw a reset before: nobody read the body
        var head = await ReadAnswerAsync(stream);

        Assert.StartsWith("HTTP/1.1 413 ", head, StringComparison.Ordinal);
        Assert.Contains("Connection: close", head, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(413, (await env.Sink.NextAsync()).Status);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    /// helper-83: a chunked body over the limit still met a closed connection (Kestrel's own
    /// limit stopped the drain); helper-85 met the same on passthrough paths (file uploads).
    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/files")]
    public async Task A_chunked_oversized_body_is_drained_too(string path)
    {
        await using var env = await StartAsync();
        using var client = await ConnectAsync(env);
        var stream = client.GetStream();

        await WriteHeadAsync(stream, path, "Transfer-Encoding: chunked");
        var chunk = Filled(64 * 1024);
        var frame = Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n");
        for (var written = 0; written < Sent; written += chunk.Length)
        {
            await stream.WriteAsync(frame);
            await stream.WriteAsync(chunk);
            await stream.WriteAsync("\r\n"u8.ToArray());
        }
        await stream.WriteAsync("0\r\n\r\n"u8.ToArray());

        Assert.StartsWith("HTTP/1.1 413 ", await ReadAnswerAsync(stream), StringComparison.Ordinal);
    }

    /// The drain ends after four times the limit (64 MiB at least): a client sending far more
    /// is cut off, as before the drain (helper-83: 5.7 GB drained in 10 s, 6 s of CPU).
    [Fact]
    public async Task The_drain_stops_after_four_times_the_limit_and_64_MiB_at_least()
    {
        await using var env = await StartAsync();
        using var client = await ConnectAsync(env);
        var stream = client.GetStream();
        const long huge = 1L << 30;

        await WriteHeadAsync(stream, "/v1/chat/completions", $"Content-Length: {huge}");
        var chunk = new byte[256 * 1024];
        long written = 0;
        var failed = false;
        try
        {
            for (; written < huge; written += chunk.Length) await stream.WriteAsync(chunk);
        }
        catch (IOException)
        {
            failed = true;
        }

        Assert.True(failed, "the whole gigabyte was read");
        Assert.InRange(written, 64L * 1024 * 1024, 256L * 1024 * 1024);
    }

    /// A client that asked `Expect: 100-continue` got the 413 in place of the go-ahead and
    /// sends nothing: the connection closes at once instead of after the 10 s drain.
    [Fact]
    public async Task A_client_that_expected_100_continue_is_not_waited_for()
    {
        await using var env = await StartAsync();
        using var client = await ConnectAsync(env);
        var stream = client.GetStream();

        await WriteHeadAsync(stream, "/v1/chat/completions",
            $"Content-Length: {Sent}\r\nExpect: 100-continue");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var head = await ReadAnswerAsync(stream);

        Assert.StartsWith("HTTP/1.1 413 ", head, StringComparison.Ordinal);
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), $"closed after {waited.Elapsed}");
    }

    /// helper-85: `max_request_body_bytes = 0`, documented as "no limit", refused every request
    /// with a body as larger than 0 bytes.
    [Fact]
    public async Task A_limit_of_0_is_no_limit()
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
            TestEnv.DefaultConfig(sims) with
            {
                Server = TestConfigs.With().Server with { MaxRequestBodyBytes = 0 },
            });
        var large = new string('x', 40 * 1024 * 1024); // over the 32 MiB default
        // The simulator's echo answers while it reads, and HttpClient reads no answer before
        // its request is sent: a body past the sockets' buffers would stall both, so 1 MB.
        var upload = new string('y', 1024 * 1024);

        using var chat = await env.PostAsync("/v1/chat/completions",
            $$"""{"model":"m","messages":[{"role":"user","content":"{{large}}"}]}""");
        using var echoed = await env.Client.PostAsync("/v1/echo",
            new StringContent(upload, Encoding.UTF8, "text/plain"));

        Assert.Equal(System.Net.HttpStatusCode.OK, chat.StatusCode);
        Assert.True(env.Sim.Requests[0].Body.Length > large.Length);
        Assert.Equal(System.Net.HttpStatusCode.OK, echoed.StatusCode);
        Assert.Equal(upload, await echoed.Content.ReadAsStringAsync());
    }

    private static Task<TestEnv> StartAsync() => TestEnv.StartAsync(configure: sims =>
        TestEnv.DefaultConfig(sims) with
        {
            Server = TestConfigs.With().Server with { MaxRequestBodyBytes = Limit },
        });

    private static async Task<TcpClient> ConnectAsync(TestEnv env)
    {
        var client = new TcpClient();
        await client.ConnectAsync(env.Gateway.BaseAddress!.Host, env.Gateway.BaseAddress.Port);
        return client;
    }

    private static Task WriteHeadAsync(NetworkStream stream, string path, string framing) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + $"Content-Type: application/json\r\n{framing}\r\n\r\n")).AsTask();

    private static byte[] Filled(int length)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, (byte)'a');
        return bytes;
    }

    private static async Task<string> ReadAnswerAsync(NetworkStream stream)
    {
        using var answer = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await stream.CopyToAsync(answer, timeout.Token);
        return Encoding.ASCII.GetString(answer.ToArray());
    }
}
