using System.Collections.Frozen;
using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Http;

public static class RequestHeaderPolicy
{
    private const string Authorization = "Authorization";

    // Hop-by-hop headers describe the client's connection, not the request (RFC 9110 §7.6.1).
    // Host and Content-Length belong to the upstream request the Shell builds. The client's
    // credentials are for the gateway, never for the provider. Accept-Encoding is dropped so the
    // upstream answers uncompressed and the gateway can read usage from the body. Expect was
    // answered by the gateway's own server (100 Continue); sent on, an upstream that ignores it
    // made every request wait a second before its body went. A browser sends the cookies of
    // every local app on the host (127.0.0.1 and localhost share them across ports): none is the
    // provider's business (helper-62); a provider's `headers` can set one. Nor is the rest of a
    // browser's context: its Origin (the gateway answers CORS itself, and Anthropic refuses a
    // request with an Origin unless told it is a browser: each such 401 counted against the
    // provider's health, helper-82), its Referer (the local app's path and query) and its
    // `Sec-` headers (fetch metadata, client hints). HTTP2-Settings belongs to an h2c upgrade.
    private static readonly FrozenSet<string> Dropped = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "HTTP2-Settings",
        "Host", "Content-Length", "Expect",
        Authorization, "x-api-key", "api-key",
        "Accept-Encoding", "Cookie", "Origin", "Referer");

    // Read by the gateway, and forwarded in client-key passthrough (as Authorization).
    private static readonly FrozenSet<string> ClientCredentials = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, Authorization, "x-api-key", "api-key");

    private const string BrowserPrefix = "Sec-";

    /// True for a header no provider ever gets from the client, whatever the config: its value
    /// need not be one an upstream request can carry (helper-82: a UTF-8 cookie another local app
    /// set refused every proxied request of the browser).
    public static bool NeverForwarded(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return (Dropped.Contains(name) && !ClientCredentials.Contains(name))
            || name.StartsWith(BrowserPrefix, StringComparison.OrdinalIgnoreCase);
    }

    // Which organization or project of the account the key belongs to: with the provider's key
    // (or none, behind gateway auth) the client's would choose whose budget of the operator's
    // account pays, and split one answer into several (helper-46). `headers` can set them.
    private static readonly FrozenSet<string> AccountSelectors = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "OpenAI-Organization", "OpenAI-Project");

    /// Whether the client's own credential goes on to `provider` (client-key passthrough: the
    /// provider has no key of its own, in `api_key` or `headers`, and gateway auth is off, so the
    /// client's credential is not the gateway token), and with it the client's account headers
    /// (OpenAI-Organization, OpenAI-Project). Every dialect's key injection asks this.
    public static bool ForwardsClientCredential(ProviderConfig provider, bool gatewayAuthEnabled)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.ApiKey.Length == 0 && !gatewayAuthEnabled
            && !ProviderHeaders.CarryCredential(provider);
    }

    /// Names listed in a `Connection` header value (comma separated), lower-cased.
    public static ImmutableHashSet<string> ConnectionTokens(string? connectionHeader)
    {
        if (string.IsNullOrWhiteSpace(connectionHeader))
        {
            return ImmutableHashSet<string>.Empty.WithComparer(StringComparer.OrdinalIgnoreCase);
        }
        return connectionHeader
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(token => token.ToLowerInvariant())
            .ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// False for hop-by-hop headers, those named in `Connection`, Host, Content-Length,
    /// client credential headers (Authorization, x-api-key, api-key), Accept-Encoding and the
    /// browser's context (Cookie, Origin, Referer, `Sec-*`).
    public static bool ShouldForward(string name, ImmutableHashSet<string> connectionTokens)
    {
        ArgumentNullException.ThrowIfNull(connectionTokens);
        return !Dropped.Contains(name)
            && !name.StartsWith(BrowserPrefix, StringComparison.OrdinalIgnoreCase)
            && !IsConnectionToken(name, connectionTokens);
    }

    /// As above, and the account headers only with the client's own credential
    /// (<see cref="ForwardsClientCredential"/>).
    public static bool ShouldForward(string name, ImmutableHashSet<string> connectionTokens,
        bool clientAccount) =>
        ShouldForward(name, connectionTokens)
        && (clientAccount || !AccountSelectors.Contains(name));

    /// As above, and never a name the provider's `headers` set: theirs replaces the client's,
    /// and one set to "" removes it (as nginx's `proxy_set_header X ""`; helper-58: the client's
    /// `User-Agent` went on).
    public static bool ShouldForward(string name, ImmutableHashSet<string> connectionTokens,
        bool clientAccount, ProviderConfig provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return ShouldForward(name, connectionTokens, clientAccount)
            && !ProviderHeaders.Names(provider, name);
    }

    /// Headers to set upstream, in order: Authorization from the provider key (or the client's own
    /// Authorization when the key is empty and gateway auth is off), then provider headers last.
    /// A provider header replaces an earlier header of the same name (case-insensitively).
    public static ImmutableArray<HeaderValue> Injected(
        ProviderConfig provider, string? clientAuthorization, bool gatewayAuthEnabled)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var headers = new List<HeaderValue>(provider.Headers.Length + 1);
        var authorization = AuthorizationFor(provider, clientAuthorization, gatewayAuthEnabled);
        if (authorization is not null)
        {
            headers.Add(new HeaderValue(Authorization, authorization));
        }
        return ProviderHeaders.Apply(headers, provider);
    }

    // With gateway auth on, the client's Authorization holds the gateway token: forwarding it
    // would leak it to the provider, so a keyless provider then gets no credential at all. A
    // provider with a credential of its own never gets the client's beside it.
    private static string? AuthorizationFor(
        ProviderConfig provider, string? clientAuthorization, bool gatewayAuthEnabled) =>
        provider.ApiKey.Length > 0 ? "Bearer " + provider.ApiKey
        : ForwardsClientCredential(provider, gatewayAuthEnabled)
            && !string.IsNullOrEmpty(clientAuthorization) ? clientAuthorization
        : null;

    // Accepts any set, whatever its comparer, without allocating a lower-cased copy of the name.
    private static bool IsConnectionToken(string name, ImmutableHashSet<string> tokens)
    {
        if (tokens.Contains(name))
        {
            return true;
        }
        foreach (var token in tokens)
        {
            if (string.Equals(token, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
