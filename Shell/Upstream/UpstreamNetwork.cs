using System.Net;

namespace Menshen.Shell.Upstream;

/// What the upstream transports take from the machine rather than from the config: the
/// environment's proxy (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY, upper or lower case, as
/// .NET reads them) and the host name resolver. Tests pass their own of each, since process
/// variables and /etc/hosts would leak into the tests running beside them.
public sealed record UpstreamNetwork(
    IWebProxy EnvironmentProxy,
    Func<string, CancellationToken, Task<IPAddress[]>> Resolve)
{
    /// The environment's proxy and the system resolver (DNS, /etc/hosts).
    public static UpstreamNetwork OfMachine() =>
        new(HttpClient.DefaultProxy, Dns.GetHostAddressesAsync);

    /// How long a connection attempt runs alone before the next address is tried beside it:
    /// RFC 8305 §5 recommends 250 ms (Go's dialer waits 300 ms).
    public TimeSpan AttemptDelay { get; init; } = TimeSpan.FromMilliseconds(250);
}
