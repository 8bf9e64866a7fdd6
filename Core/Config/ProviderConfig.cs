using System.Collections.Immutable;

namespace Menshen.Core.Config;

/// One upstream provider. `BaseUrl` has no trailing slash; its query (Azure `api-version`) is kept.
public sealed partial record ProviderConfig(
    string Name,
    Uri BaseUrl,
    string ApiKey,
    ImmutableArray<HeaderValue> Headers,
    string? Model,
    int Weight,
    Uri? Proxy)
{
    public bool Enabled => Weight > 0;

    /// `models` (new): glob patterns of the models served; empty serves every model.
    public ImmutableArray<string> Models { get; init; } = [];

    /// `priority` (new): lower numbers are tried first; 1 by default.
    public int Priority { get; init; } = 1;

    /// `api` (new): the dialect this provider speaks.
    public ProviderApi Api { get; init; } = ProviderApi.OpenAi;

    /// Providers that would send the same request the same way (base URL, key, headers, forced
    /// model, proxy, dialect) are one upstream for failover. A fallback forcing a cheaper model
    /// on the same key, or the same account reached without the proxy, is another upstream.
    public bool IsSameUpstreamAs(ProviderConfig other) =>
        string.Equals(BaseUrl.AbsoluteUri, other.BaseUrl.AbsoluteUri,
        StringComparison.OrdinalIgnoreCase)
        && ApiKey == other.ApiKey
        && Headers.SequenceEqual(other.Headers)
        && Model == other.Model
        && Api == other.Api
        // AbsoluteUri keeps the proxy's credentials, which Uri equality ignores.
        && Proxy?.AbsoluteUri == other.Proxy?.AbsoluteUri;
}

/// A header to send, in config order.
public sealed partial record HeaderValue(string Name, string Value);
