using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Menshen.Shell.Tests.Support;

/// A SOCKS5 proxy on loopback (RFC 1928 CONNECT; no authentication, or RFC 1929 user and
/// password when `user` is given) that records each target it was asked for.
public sealed class Socks5Relay : LoopbackTcpServer
{
    private readonly (string User, string Password)? _login;

    public Socks5Relay((string User, string Password)? login = null)
    {
        _login = login;
        Start();
    }

    /// `host:port` of every CONNECT, as the client named it (a host name stays a name).
    public ConcurrentQueue<string> Targets { get; } = new();

    protected override async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        try
        {
            var greeting = await ReadAsync(stream, 2);
            var methods = await ReadAsync(stream, greeting[1]);
            var wanted = _login is null ? (byte)0 : (byte)2;
            if (greeting[0] != 5 || !methods.Contains(wanted))
            {
                await stream.WriteAsync(new byte[] { 5, 0xFF });
                return;
            }
            await stream.WriteAsync(new byte[] { 5, wanted });
            if (_login is { } login && !await LoginAsync(stream, login)) return;
            var head = await ReadAsync(stream, 4);
            var host = head[3] switch
            {
                1 => new IPAddress(await ReadAsync(stream, 4)).ToString(),
                4 => new IPAddress(await ReadAsync(stream, 16)).ToString(),
                3 => Encoding.ASCII.GetString(await ReadAsync(stream,
                    (await ReadAsync(stream, 1))[0])),
                _ => throw new IOException("unknown address type"),
            };
            var portBytes = await ReadAsync(stream, 2);
            var port = portBytes[0] << 8 | portBytes[1];
            Targets.Enqueue($"{host}:{port}");
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(host == "localhost" ? "127.0.0.1" : host, port);
            await stream.WriteAsync(new byte[] { 5, 0, 0, 1, 0, 0, 0, 0, 0, 0 });
            var other = upstream.GetStream();
            await Task.WhenAny(stream.CopyToAsync(other), other.CopyToAsync(stream));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // the gateway or the target hung up: nothing to relay any more
        }
    }

    private static async Task<bool> LoginAsync(NetworkStream stream, (string User, string Password) login)
    {
        var version = await ReadAsync(stream, 2);
        var user = Encoding.UTF8.GetString(await ReadAsync(stream, version[1]));
        var password = Encoding.UTF8.GetString(await ReadAsync(stream, (await ReadAsync(stream, 1))[0]));
        var ok = user == login.User && password == login.Password;
        await stream.WriteAsync(new byte[] { 1, ok ? (byte)0 : (byte)1 });
        return ok;
    }

    private static async Task<byte[]> ReadAsync(NetworkStream stream, int count)
    {
        var bytes = new byte[count];
        await stream.ReadExactlyAsync(bytes);
        return bytes;
    }
}
