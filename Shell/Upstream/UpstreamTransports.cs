using System.Net;
using Menshen.Core.Config;

namespace Menshen.Shell.Upstream;

/// One pooled <see cref="SocketsHttpHandler"/> per distinct provider transport (its proxy), shared
/// by
/// every request, so connections to a provider are reused.
public sealed class UpstreamTransports : IDisposable
{
    private readonly Dictionary<string,
        HttpMessageInvoker> _byProvider = new(StringComparer.Ordinal);
    private readonly List<HttpMessageInvoker> _owned = [];

    public UpstreamTransports(UpstreamConfig upstream, IEnumerable<ProviderConfig> providers)
    {
        var byProxy = new Dictionary<string, HttpMessageInvoker>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            var key = provider.Proxy?.AbsoluteUri ?? "";
            if (!byProxy.TryGetValue(key, out var invoker))
            {
                invoker = new HttpMessageInvoker(CreateHandler(upstream, provider.Proxy),
                    disposeHandler: true);
                byProxy[key] = invoker;
                _owned.Add(invoker);
            }
            _byProvider[provider.Name] = invoker;
        }
    }

    public HttpMessageInvoker For(ProviderConfig provider) => _byProvider[provider.Name];

    private static SocketsHttpHandler CreateHandler(UpstreamConfig upstream, Uri? proxy)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ConnectTimeout = upstream.Timeout > TimeSpan.Zero
            && upstream.Timeout < TimeSpan.FromSeconds(30)
                ? upstream.Timeout
                : TimeSpan.FromSeconds(30),
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = null,
        };
        if (proxy is not null)
        {
            handler.Proxy = ProxyOf(proxy);
            handler.UseProxy = true;
        }
        return handler; // without a proxy, the default honours HTTP(S)_PROXY and NO_PROXY
    }

    // The URL's user and password log in to the proxy (Basic for HTTP, RFC 1929 for SOCKS5), as
    // Go's http.ProxyURL does; .NET reads them only from the environment's proxy variables.
    // .NET's SOCKS5 client already sends host names for the proxy to resolve: curl's socks5h.
    private static WebProxy ProxyOf(Uri proxy)
    {
        var address = new UriBuilder(proxy) { UserName = "", Password = "" };
        if (proxy.Scheme == "socks5h") address.Scheme = "socks5";
        var web = new WebProxy(address.Uri);
        if (proxy.UserInfo.Length > 0)
        {
            var colon = proxy.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? proxy.UserInfo : proxy.UserInfo[..colon];
            var password = colon < 0 ? "" : proxy.UserInfo[(colon + 1)..];
            web.Credentials = new NetworkCredential(
                Uri.UnescapeDataString(user), Uri.UnescapeDataString(password));
        }
        return web;
    }

    public void Dispose()
    {
        foreach (var invoker in _owned) invoker.Dispose();
    }
}
