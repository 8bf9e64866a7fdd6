using System.Net;
using System.Net.Sockets;

namespace Menshen.Shell.Tests.Support;

/// A port on [::1] that silently drops every new SYN, as a dead IPv6 route does: a listener whose
/// accept queue is full and never accepted from (Linux drops SYNs to a full queue with
/// tcp_abort_on_overflow at its default 0). Bound to the port an IPv4 server already has, so one
/// host name with both addresses reaches a dead end and a live one.
public sealed class SilentIpv6Port : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _fillers = [];

    public SilentIpv6Port(int port)
    {
        _listener = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        _listener.DualMode = false;
        _listener.Bind(new IPEndPoint(IPAddress.IPv6Loopback, port));
        _listener.Listen(0);
        // A backlog of 0 still queues one connection: fill the queue with a few of our own.
        for (var i = 0; i < 4; i++)
        {
            var filler = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream,
                ProtocolType.Tcp);
            _ = filler.ConnectAsync(new IPEndPoint(IPAddress.IPv6Loopback, port));
            _fillers.Add(filler);
        }
    }

    public void Dispose()
    {
        foreach (var filler in _fillers) filler.Dispose();
        _listener.Dispose();
    }
}
