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
            handler.Proxy = new WebProxy(proxy);
            handler.UseProxy = true;
        }
        return handler; // without a proxy, the default honours HTTP(S)_PROXY and NO_PROXY
    }

    public void Dispose()
    {
        foreach (var invoker in _owned) invoker.Dispose();
    }
}
