using System.Net;
using Menshen.Core.Config;

namespace Menshen.Shell.Runtime;

/// What `listen` binds, decided once at start: a host name's one address (as ai-menshen's
/// net.Listen picks it, ListenAddress.BindAddress), and whether the gateway is reachable only
/// from this machine, which keeps the DNS-rebinding guard on (SPEC §12).
public sealed record ListenBinding(ListenAddress Listen, IPAddress[] Resolved, bool OnlyLoopback)
{
    /// The listen host name the Host check accepts (ListenAddress.Name), read once.
    public string? Name { get; } = Listen.Name;

    /// Resolves a listen host name; an address, `localhost` or all interfaces resolve to nothing.
    /// A name that does not resolve throws, and the start fails in one line ("cannot listen on").
    public static ListenBinding Of(ListenAddress listen, Func<string, IPAddress[]> resolve)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(resolve);
        var resolved = listen.Name is null ? [] : Addresses(listen.Host, resolve);
        return new ListenBinding(listen, resolved, listen.OnlyLoopback(resolved));
    }

    // None at all is a name that does not resolve, not Kestrel's fallback to localhost:5000.
    private static IPAddress[] Addresses(string host, Func<string, IPAddress[]> resolve) =>
        ListenAddress.BindAddress(resolve(host)) is { } address ? [address]
            : throw new System.Net.Sockets.SocketException(
                (int)System.Net.Sockets.SocketError.HostNotFound);
}
