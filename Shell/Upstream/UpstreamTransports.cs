using System.Collections.Immutable;
using System.Net;
using Menshen.Core.Config;
using Menshen.Core.Network;
using Menshen.Core.Routing;

namespace Menshen.Shell.Upstream;

/// One pooled <see cref="SocketsHttpHandler"/> per distinct provider transport (its proxy), shared
/// by every request, so connections to a provider are reused.
public sealed class UpstreamTransports : IDisposable
{
    private readonly Dictionary<string,
        HttpMessageInvoker> _byProvider = new(StringComparer.Ordinal);
    private readonly List<HttpMessageInvoker> _owned = [];

    public UpstreamTransports(UpstreamConfig upstream, IEnumerable<ProviderConfig> providers,
        UpstreamNetwork? network = null)
    {
        network ??= UpstreamNetwork.OfMachine();
        // Without proxy variables (the usual case) no proxy is asked per request at all.
        var environmentProxy = ProxiesAnything(network.EnvironmentProxy)
            ? new LoopbackBypassProxy(network.EnvironmentProxy) : null;
        var connector = new HappyEyeballsConnector(network);
        var byProxy = new Dictionary<string, HttpMessageInvoker>(StringComparer.Ordinal);
        var throughEnvironment = ImmutableArray.CreateBuilder<EnvironmentProxyUse>();
        foreach (var provider in providers)
        {
            var key = provider.Proxy?.AbsoluteUri ?? "";
            if (!byProxy.TryGetValue(key, out var invoker))
            {
                var handler = CreateHandler(upstream, connector);
                handler.Proxy = provider.Proxy is { } own ? ProxyOf(own) : environmentProxy;
                // Without one, .NET would fall back to HttpClient.DefaultProxy by itself.
                handler.UseProxy = handler.Proxy is not null;
                invoker = new HttpMessageInvoker(handler, disposeHandler: true);
                byProxy[key] = invoker;
                _owned.Add(invoker);
            }
            _byProvider[provider.Name] = invoker;
            if (provider.Proxy is null && environmentProxy?.GetProxy(provider.BaseUrl) is { } used)
                throughEnvironment.Add(EnvironmentProxyUse.Of(provider.Name, used));
        }
        ThroughEnvironmentProxy = throughEnvironment.ToImmutable();
    }

    /// The providers the environment's proxy carries (HTTP_PROXY and friends), in config order.
    public ImmutableArray<EnvironmentProxyUse> ThroughEnvironmentProxy { get; }

    public HttpMessageInvoker For(ProviderConfig provider) => _byProvider[provider.Name];

    // Whether the environment names a proxy at all: one for a name no NO_PROXY lists (short of
    // `*`, which means no proxy for anything).
    private static bool ProxiesAnything(IWebProxy environment) =>
        environment.GetProxy(new Uri("http://menshen-probe.invalid/")) is not null
        || environment.GetProxy(new Uri("https://menshen-probe.invalid/")) is not null;

    private static SocketsHttpHandler CreateHandler(UpstreamConfig upstream,
        HappyEyeballsConnector connector)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ConnectTimeout = AttemptErrors.ConnectTimeout(upstream.Timeout),
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = null,
            // Used for the proxy's connection too, when there is one (HTTP, HTTPS or SOCKS).
            ConnectCallback = connector.ConnectAsync,
            UseProxy = true,
        };
        return handler;
    }

    // The URL's user and password log in to the proxy (Basic for HTTP, RFC 1929 for SOCKS5), as
    // Go's http.ProxyURL does; .NET reads them only from the environment's proxy variables.
    // .NET's SOCKS5 client already sends host names for the proxy to resolve: curl's socks5h.
    private static WebProxy ProxyOf(Uri proxy)
    {
        var address = new UriBuilder(proxy) { UserName = "", Password = "" };
        if (proxy.Scheme == "socks5h") address.Scheme = "socks5";
        var web = new WebProxy(address.Uri);
        if (ProxyLogin.Of(proxy) is { } login)
        {
            web.Credentials = new NetworkCredential(login.User, login.Password);
        }
        return web;
    }

    public void Dispose()
    {
        foreach (var invoker in _owned) invoker.Dispose();
    }
}
