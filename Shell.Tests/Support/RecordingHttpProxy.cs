using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Menshen.Shell.Tests.Support;

/// A forward HTTP proxy on loopback that records the first request line of every connection
/// (`POST http://host:port/path HTTP/1.1`, or `CONNECT host:port HTTP/1.1`). With `forwardTo`,
/// it sends the bytes on unchanged to that endpoint (Kestrel takes an absolute-form target);
/// without, it refuses as Squid does (403, `X-Squid-Error`), the usual corporate answer.
public sealed class RecordingHttpProxy : LoopbackTcpServer
{
    private const string Refusal = "HTTP/1.1 403 Forbidden\r\nServer: squid/5.7\r\n"
        + "X-Squid-Error: ERR_ACCESS_DENIED 0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

    public RecordingHttpProxy(IPEndPoint? forwardTo = null, IPAddress? listenOn = null)
        : base(listenOn)
    {
        ForwardTo = forwardTo;
        Start();
    }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    /// Where requests go on to; null: each is refused.
    public IPEndPoint? ForwardTo { get; set; }

    /// The first request line of each connection, in arrival order.
    public ConcurrentQueue<string> Requests { get; } = new();

    protected override async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        try
        {
            var head = await ReadHeadAsync(stream);
            var text = Encoding.ASCII.GetString(head);
            Requests.Enqueue(text[..text.IndexOf("\r\n", StringComparison.Ordinal)]);
            if (ForwardTo is not { } target)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(Refusal));
                return;
            }
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(target);
            var other = upstream.GetStream();
            await other.WriteAsync(head);
            await Task.WhenAny(stream.CopyToAsync(other), other.CopyToAsync(stream));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // the gateway or the target hung up: nothing to relay any more
        }
    }

    // The request line and headers, up to and including the blank line.
    private static async Task<byte[]> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n'
            && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0) throw new IOException("closed in the head");
            head.Add(one[0]);
        }
        return [.. head];
    }
}
