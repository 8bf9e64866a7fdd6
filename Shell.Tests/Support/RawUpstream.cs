using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Menshen.Shell.Tests.Support;

/// A loopback upstream that answers every request with the same bytes, written as given, and
/// closes the connection: for answers no HTTP server library would send (two framings, two
/// lengths). It records each request's head.
public sealed class RawUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _answer;
    private readonly Task _loop;
    private readonly List<string> _heads = [];

    private RawUpstream(string answer)
    {
        _answer = Encoding.UTF8.GetBytes(answer.ReplaceLineEndings("\r\n"));
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    /// `answer`'s line ends become CRLF; write the body's own bytes into it as they should go.
    public static RawUpstream Start(string answer) => new(answer);

    public Uri BaseUrl =>
        new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1");

    public IReadOnlyList<string> Heads
    {
        get { lock (_heads) return [.. _heads]; }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream);
            lock (_heads) _heads.Add(head);
            await stream.WriteAsync(_answer, _stop.Token);
            await stream.FlushAsync(_stop.Token);
            client.Client.Shutdown(SocketShutdown.Send);
            // Let the gateway read to the end before the socket goes.
            var drain = new byte[1024];
            try { while (await stream.ReadAsync(drain, _stop.Token) > 0) { } }
            catch (IOException) { }
            catch (OperationCanceledException) { }
        }
    }

    // The request head and its Content-Length body (the gateway sends understood bodies so).
    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            bytes.Add(one[0]);
            if (bytes.Count >= 4 && bytes[^1] == '\n' && bytes[^2] == '\r' && bytes[^3] == '\n'
                && bytes[^4] == '\r') break;
        }
        var head = Encoding.ASCII.GetString([.. bytes]);
        var length = head.Split("\r\n").Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals("content-length",
                StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await stream.ReadAsync(body.AsMemory(read));
            if (n == 0) break;
            read += n;
        }
        return head;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
