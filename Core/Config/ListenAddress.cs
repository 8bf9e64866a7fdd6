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

    public override string ToString() => $"{Host}:{Port}";
}
