using System.Net.Sockets;
using System.Text;

namespace Menshen.Shell.Tests.Support;

/// Sends bytes exactly as written over a socket, as an attacker would: no client library to
/// normalise the path, the method or the framing away. Reads until the server closes.
public static class RawHttp
{
    public sealed record Answer(int Status, string Head, string Body)
    {
        public string? Header(string name) => Head.Split("\r\n")
            .Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            .Select(l => l[(name.Length + 1)..].Trim())
            .FirstOrDefault();
    }

    /// `head` is the request line and headers without the blank line; `Connection: close` and
    /// the blank line are added, then `body` as given.
    public static async Task<Answer> SendAsync(Uri server, string head, byte[]? body = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var request = Encoding.UTF8.GetBytes(
            head.TrimEnd('\r', '\n') + "\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        if (body is not null) await stream.WriteAsync(body);
        using var read = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await stream.CopyToAsync(read, timeout.Token);
        var text = Encoding.UTF8.GetString(read.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headPart = split < 0 ? text : text[..split];
        var status = int.Parse(
            headPart.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return new Answer(status, headPart, split < 0 ? "" : text[(split + 4)..]);
    }

    public static Task<Answer> SendAsync(Uri server, string head, string body) =>
        SendAsync(server, head, Encoding.UTF8.GetBytes(body));
}
