using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Menshen.Core.Http;

public static class ResponseHeaderPolicy
{
    // Hop-by-hop headers describe the upstream connection; Kestrel frames the client's own.
    private static readonly FrozenSet<string> HopByHop = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade");

    // Set by the upstream for its own origin, they would land on the gateway's (the dashboard's):
    // cookies, an alternative service browsers would try for every later request, an order to
    // clear the origin's storage, a timed redirect, and the upstream's content policy and
    // sniffing rule, which the gateway's own (BrowserGuards) replace. Likewise every other
    // origin-wide order (helper-62): reporting of the origin's traffic to the upstream's
    // endpoints (NEL, Report-To), forced HTTPS, a service worker's scope, the embedding, opener
    // and feature rules, and a login prompt over the dashboard's own Basic auth.
    // Content-Length is the gateway's to set (ClientContentLength).
    private static readonly FrozenSet<string> UpstreamOwn = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "Set-Cookie", "Set-Cookie2", "Alt-Svc", "Content-Length",
        "Clear-Site-Data", "Refresh", "Content-Security-Policy",
        "Content-Security-Policy-Report-Only", "X-Content-Type-Options", "NEL", "Report-To",
        "Reporting-Endpoints", "Strict-Transport-Security", "Expect-CT", "Public-Key-Pins",
        "Service-Worker-Allowed", "Origin-Agent-Cluster", "Permissions-Policy", "Feature-Policy",
        "Cross-Origin-Opener-Policy", "Cross-Origin-Opener-Policy-Report-Only",
        "Cross-Origin-Embedder-Policy", "Cross-Origin-Embedder-Policy-Report-Only",
        "Cross-Origin-Resource-Policy", "X-Frame-Options", "WWW-Authenticate", "Accept-CH",
        "Critical-CH", "Speculation-Rules", "Supports-Loading-Mode", "Document-Policy",
        "Document-Policy-Report-Only", "Timing-Allow-Origin");

    /// Every proxied answer is an upstream's (or the gateway's own error) on the gateway's origin,
    /// where the dashboard and the report API are: a browser that opens one runs no script of it
    /// (a sandbox is an origin of its own) and takes it for its declared type only.
    public static readonly ImmutableArray<(string Name, string Value)> BrowserGuards =
    [
        ("Content-Security-Policy", "sandbox"),
        ("X-Content-Type-Options", "nosniff"),
    ];

    /// False for hop-by-hop response headers (Connection, Keep-Alive, Transfer-Encoding, ...),
    /// for `Access-Control-*` (only the gateway decides which web origins may read its answers),
    /// for cookies, `Alt-Svc` and the other origin-wide headers, and for Content-Length, which
    /// the Shell sets from <see cref="ClientContentLength"/>.
    public static bool ShouldForward(string name) =>
        !HopByHop.Contains(name) && !UpstreamOwn.Contains(name)
        && !name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase);

    /// The Content-Length the client's answer carries, from the upstream's header (its lines
    /// joined with commas): one length, or repeats of the same one (RFC 9110 §8.6). Null, so the
    /// server frames the body itself, when the upstream's body is chunked (RFC 9112 §6.3:
    /// Transfer-Encoding wins over Content-Length), when the lengths disagree or do not parse,
    /// when the gateway changes the body (a hidden usage chunk), and for a status that has no
    /// body (1xx, 204, 205), where the server refuses a length.
    public static long? ClientContentLength(
        string? header, bool upstreamChunked, bool lengthMayChange, int status)
    {
        if (header is null || upstreamChunked || lengthMayChange || status is < 200 or 204 or 205)
            return null;
        long? length = null;
        foreach (var range in header.AsSpan().Split(','))
        {
            var part = header.AsSpan()[range].Trim(' ');
            if (!long.TryParse(part, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var n)
                || (length is { } seen && seen != n)) return null;
            length = n;
        }
        return length;
    }

    /// The name a forwarded header goes to the client under: its own, but for the upstream's
    /// `X-Request-Id`, which would replace the gateway's (the audit id, SPEC §3): that one is
    /// passed on as `X-Upstream-Request-Id`, for a provider's support desk.
    public static string ForwardedName(string name) =>
        name.Equals(RequestId, StringComparison.OrdinalIgnoreCase) ? UpstreamRequestId : name;

    public const string RequestId = "X-Request-Id";
    public const string UpstreamRequestId = "X-Upstream-Request-Id";

    /// As above, and false for headers the upstream named in its `Connection` header (RFC 9110
    /// §7.6.1).
    public static bool ShouldForward(string name, ImmutableHashSet<string> connectionTokens)
    {
        ArgumentNullException.ThrowIfNull(connectionTokens);
        return ShouldForward(name) && !connectionTokens.Contains(name);
    }
}
