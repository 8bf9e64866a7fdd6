using System.Net;
using System.Net.Sockets;
using System.Text;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

/// helper-86: uvicorn, Node and gunicorn close idle keep-alive connections after 2-5 s without
/// saying so; a request the gateway sent on such a connection as it closed was a 502 (15 of 60
/// with 50 ms of latency), though the upstream never saw it, and with a second provider it was
/// recorded as the first one's failure. The gateway now sends it again, once, on a new
/// connection.
public class StaleConnectionTests
{
    private const string Chat = """{"model":"m","messages":[]}""";

    private const string Answer = """
        {"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,"message":
        {"role":"assistant","content":"fresh"},"finish_reason":"stop"}],
        "usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}
        """;

    [Fact]
    public async Task A_request_on_a_connection_the_upstream_closed_is_sent_again_once()
    {
        await using var upstream = ClosingUpstream.Open();
        await using var env = await TestEnv.StartAsync(audit: true,
            configure: _ => TestConfigs.With(TestConfigs.Provider("uvicorn", upstream.BaseUrl)));

        using var first = await env.PostAsync("/v1/chat/completions", Chat);
        using var second = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, upstream.Answered);
        Assert.Equal(2, upstream.Connections);
        await env.Sink.NextAsync();
        var retried = await env.Sink.NextAsync();
        Assert.Equal(200, retried.Status);
        Assert.Equal(4, retried.Usage?.TotalTokens);
    }

    /// helper-89: a passthrough read (a file's, a batch's) met the same 502.
    [Fact]
    public async Task A_passthrough_read_on_a_connection_the_upstream_closed_is_sent_again()
    {
        await using var upstream = ClosingUpstream.Open();
        await using var env = await TestEnv.StartAsync(
            configure: _ => TestConfigs.With(TestConfigs.Provider("uvicorn", upstream.BaseUrl)));

        using var first = await env.Client.GetAsync("/v1/files/file-1");
        using var second = await env.Client.GetAsync("/v1/files/file-1");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(2, upstream.Answered);
    }

    /// helper-89 left it: a passthrough call with a small body (a batch's or a vector store's
    /// create) met the 502, its body already read from the client. Such a body is kept to send
    /// again; an upload over the kept size streams as it comes and is not.
    [Fact]
    public async Task A_passthrough_call_with_a_small_body_on_a_closed_connection_is_sent_again()
    {
        await using var upstream = ClosingUpstream.Open();
        await using var env = await TestEnv.StartAsync(
            configure: _ => TestConfigs.With(TestConfigs.Provider("uvicorn", upstream.BaseUrl)));
        const string Batch = """{"input_file_id":"file-1","endpoint":"/v1/chat/completions"}""";

        using var first = await env.PostAsync("/v1/batches", Batch);
        using var second = await env.PostAsync("/v1/batches", Batch);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(2, upstream.Answered);
        Assert.Equal([Batch, Batch], upstream.Bodies);
    }

    /// helper-89: the first version sent again a request whose new connection broke too: an
    /// upstream that reads a request and dies got every request twice.
    [Fact]
    public async Task A_request_on_a_new_connection_that_breaks_is_not_sent_again()
    {
        await using var upstream = ClosingUpstream.Open(answersFirst: false);
        await using var env = await TestEnv.StartAsync(
            configure: _ => TestConfigs.With(TestConfigs.Provider("dying", upstream.BaseUrl)));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(1, upstream.Connections);
    }

    /// An upstream that answers the first request of each connection, then closes that
    /// connection as the next request arrives on it, unanswered: the idle-close race, every time.
    private sealed class ClosingUpstream : LoopbackTcpServer
    {
        private int _answered;
        private int _connections;
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _bodies = new();

        private readonly bool _answersFirst;

        private ClosingUpstream(bool answersFirst)
        {
            _answersFirst = answersFirst;
            Start();
        }

        public Uri BaseUrl => new($"http://127.0.0.1:{Port}/v1");

        public int Answered => Volatile.Read(ref _answered);

        public int Connections => Volatile.Read(ref _connections);

        /// The bodies of the requests it answered, in order.
        public IReadOnlyList<string> Bodies => [.. _bodies];

        /// `answersFirst: false`: every request is read and its connection reset, unanswered.
        public static ClosingUpstream Open(bool answersFirst = true) => new(answersFirst);

        protected override async Task ServeAsync(TcpClient client)
        {
            Interlocked.Increment(ref _connections);
            var stream = client.GetStream();
            if (await ReadRequestAsync(stream) is not { } request) return;
            if (!_answersFirst)
            {
                client.Client.Close(0);
                return;
            }
            var body = Encoding.UTF8.GetBytes(Answer);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + $"Content-Length: {body.Length}\r\n\r\n"));
            await stream.WriteAsync(body);
            _bodies.Enqueue(request);
            Interlocked.Increment(ref _answered);
            // The next request on this connection is met by the close it raced with.
            await ReadHeadAsync(stream);
            client.Client.Close(0);
        }

        // Reads one request (head, then a Content-Length body): its body, or null when the
        // peer went.
        private static async Task<string?> ReadRequestAsync(NetworkStream stream)
        {
            var head = await ReadHeadAsync(stream);
            if (head is null) return null;
            var length = head.Split("\r\n").Select(l => l.Split(':', 2))
                .Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length",
                    StringComparison.OrdinalIgnoreCase))
                .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
                .FirstOrDefault();
            var body = new byte[length];
            await stream.ReadExactlyAsync(body);
            return Encoding.UTF8.GetString(body);
        }

        private static async Task<string?> ReadHeadAsync(NetworkStream stream)
        {
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(one) == 0) return null;
                head.Append((char)one[0]);
            }
            return head.ToString();
        }
    }
}
