namespace Menshen.Core.Config;

/// Where the gateway binds. An empty host means every interface (`:8080`).
public sealed record ListenAddress(string Host, int Port)
{
    /// A loopback address (127.0.0.0/8, ::1) or `localhost` in any case: the Host check guards
    /// it against DNS rebinding (SPEC §12). A host name resolving to loopback is not known here.
    public bool IsLoopback =>
        Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(Host.Trim('[', ']'), out var ip)
            && System.Net.IPAddress.IsLoopback(ip));

    /// The host when it is a name other than `localhost` (not an address, not empty), lower-case:
    /// the Shell resolves it, and the Host check accepts it as the operator's own name.
    public string? Name =>
        Host.Length == 0 || Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || System.Net.IPAddress.TryParse(Host.Trim('[', ']'), out _)
            ? null
            : Host.TrimEnd('.').ToLowerInvariant();

    /// Whether the gateway can be reached only from this machine, given what a listen name
    /// resolved to: a name whose every address is loopback (Debian maps the machine's own
    /// name to 127.0.1.1) needs the DNS-rebinding guard as much as `localhost` does.
    public bool OnlyLoopback(IReadOnlyCollection<System.Net.IPAddress> resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        return IsLoopback || (Name is not null && resolved.Count > 0
            && resolved.All(System.Net.IPAddress.IsLoopback));
    }

    /// The one address a listen name binds, as Go's net.Listen (ai-menshen's) picks it: the
    /// first IPv4 address, else the first; null for none. Never all of them: .NET resolves the
    /// machine's own name to every interface's address, where getaddrinfo gives /etc/hosts' one.
    public static System.Net.IPAddress? BindAddress(IReadOnlyList<System.Net.IPAddress> resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        foreach (var address in resolved)
        {
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                return address;
        }
        return resolved.Count > 0 ? resolved[0] : null;
    }

    public override string ToString() => $"{Host}:{Port}";
}
