using System.Net;
using Menshen.Shell.Upstream;

namespace Menshen.Shell.Tests.Support;

/// Upstream networks for one test: an environment proxy or a resolver of its own, where setting
/// HTTP_PROXY or editing /etc/hosts would reach every test running beside it in this process.
public static class TestNetworks
{
    /// No environment proxy, the system resolver.
    public static UpstreamNetwork Direct => new(new WebProxy(), Dns.GetHostAddressesAsync);

    /// As if HTTP_PROXY, HTTPS_PROXY and ALL_PROXY all named `proxy`.
    public static UpstreamNetwork WithEnvironmentProxy(Uri proxy) =>
        Direct with { EnvironmentProxy = new WebProxy(proxy) };

    /// `name` resolves to `addresses`, in that order (AAAA first, as glibc sorts them); every other
    /// name through the system resolver.
    public static UpstreamNetwork Resolving(string name, params IPAddress[] addresses) =>
        Direct with
        {
            Resolve = (host, ct) => string.Equals(host, name, StringComparison.OrdinalIgnoreCase)
                ? Task.FromResult(addresses)
                : Dns.GetHostAddressesAsync(host, ct),
        };
}
