using CsCheck;
using Menshen.Core.Config;

namespace Menshen.Core.Tests;

/// Header names in every letter case.
public static partial class RoutingGens
{
    /// Request headers the gateway must never forward, whatever their case.
    public static readonly string[] NeverForwarded =
    [
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host", "Content-Length",
        "Authorization", "x-api-key", "api-key", "Accept-Encoding", "Expect",
    ];

    /// Hop-by-hop response headers.
    public static readonly string[] HopByHop =
    [
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    ];

    /// End-to-end headers that pass through.
    public static readonly string[] EndToEnd =
    [
        "Content-Type", "Accept", "User-Agent", "OpenAI-Organization", "OpenAI-Beta", "X-Stainless-Lang",
        "Idempotency-Key", "Cache-Control", "X-Request-Id", "Content-Encoding", "x-ratelimit-remaining-tokens",
    ];

    /// The same header name with each letter upper- or lower-cased at random.
    public static Gen<string> AnyCase(string name) =>
        Gen.Bool.Array[name.Length].Select(upper => string.Concat(name.Select((c, i) =>
            upper[i] ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))));

    public static readonly Gen<string> NeverForwardedName = Gen.OneOf(NeverForwarded).SelectMany(AnyCase);

    public static readonly Gen<string> HopByHopName = Gen.OneOf(HopByHop).SelectMany(AnyCase);

    public static readonly Gen<string> EndToEndName = Gen.OneOf(EndToEnd).SelectMany(AnyCase);

    /// Header names a provider config may set, some of them overriding Authorization.
    public static readonly Gen<HeaderValue> ProviderHeader = Gen.Select(
        Gen.OneOf("Authorization", "api-key", "cf-aig-authorization", "X-Title", "HTTP-Referer").SelectMany(AnyCase),
        Gen.String[Gen.Char.AlphaNumeric, 1, 10],
        (name, value) => new HeaderValue(name, value));
}
