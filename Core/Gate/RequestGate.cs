using Menshen.Core.Config;
using Menshen.Core.Errors;
using Menshen.Core.Http;
using Menshen.Core.Routing;

namespace Menshen.Core.Gate;

/// The one decision before dispatch (SPEC §12): method, Host, Origin, path, upgrade, preflight.
/// Every refusal here happens before any upstream is chosen, so none reaches a provider's key.
public static class RequestGate
{
    /// `loopbackListen`: the gateway is reachable only from this machine; `listenName`: the
    /// host name it listens on, if it is one (the Host check accepts it).
    public static GateVerdict Decide(GateRequest request, ServerConfig server, bool loopbackListen,
        string? listenName = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(server);
        if (!MethodPolicy.IsProxied(request.Method))
            return GateVerdict.Refuse(GatewayErrorKind.MethodNotAllowed,
                $"The method {LogValue.Escape(request.Method)} is not allowed; "
                + $"allowed: {MethodPolicy.Allowed}.");
        if (!HostCheck.Allows(request.Host, loopbackListen, server.AllowedHosts, listenName))
            return HostRefused(request.Host ?? "");
        var origin = OriginCheck.Decide(
            request.Origin, request.Scheme, request.Host, server.CorsOrigins);
        if (origin == OriginVerdict.Refused) return OriginRefused(request.Origin ?? "");
        var path = CanonicalPath.Parse(request.RawTarget);
        if (path.Path is null)
            return GateVerdict.Refuse(
                GatewayErrorKind.BadRequest, $"Refused path: {path.Refusal}.");
        // Local routes forward nothing: only a proxied request is held to what may go upstream
        // and to where a browser's request came from.
        var proxied = LocalRouteTable.Of(path.Path.Value) == LocalRoute.Proxied;
        if (proxied && origin != OriginVerdict.Listed && FromAnotherSite(request.FetchSite))
            return GateVerdict.Refuse(GatewayErrorKind.Forbidden,
                "A page on another site may not use this gateway (cross-site browser request); "
                + "add its origin to [server] cors_origins to allow it.",
                "Sec-Fetch-Site: " + LogValue.Escape(request.FetchSite!));
        if (proxied && EndpointLookalike.Of(path.Path) is { } meant)
            return GateVerdict.Refuse(GatewayErrorKind.BadRequest,
                $"Refused path: '{LogValue.Escape(path.Path.Value)}' is not an endpoint of this "
                + "gateway but looks like one (paths are case-sensitive and take no ';' "
                + $"parameter or blanks); send {meant}.");
        if (proxied && request.UnforwardableHeader is { } header)
            return GateVerdict.Refuse(GatewayErrorKind.BadRequest,
                $"The value of the header '{LogValue.Escape(header)}' cannot be forwarded: "
                + "only visible ASCII characters are allowed in header values.");
        // Only WebSocket: `Upgrade: h2c` (curl --http2 over http) is served as HTTP/1.1.
        if (request.Upgrade?.Contains("websocket", StringComparison.OrdinalIgnoreCase) == true)
            return GateVerdict.Refuse(GatewayErrorKind.UpgradeRequired,
                "This gateway does not carry WebSocket upgrades; "
                + "send the request over plain HTTP.");
        var allow = origin == OriginVerdict.Listed ? OriginCheck.Normalize(request.Origin!) : null;
        var action = request.IsPreflight && origin != OriginVerdict.Absent
            ? GateAction.Preflight
            : GateAction.Proceed;
        return new GateVerdict(action, path.Path, null, allow, null);
    }

    /// The longest path a refused request is recorded under, in UTF-16 units; the rest is `…`.
    /// Any web page can send refused requests with a path of ~8 KB of its choosing (helper-63).
    public const int MaxRecordedPath = 256;

    /// The path a refused request is recorded under: its canonical path, or for a refused path
    /// the target as sent without its query (a query may hold a key); cut at
    /// <see cref="MaxRecordedPath"/>.
    public static string RecordedPath(GateVerdict verdict, string rawTarget)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(rawTarget);
        if (verdict.Path is { } path) return Cut(path.Value);
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        return Cut(query < 0 ? rawTarget : rawTarget[..query]);
    }

    /// A path as recorded for a refusal: cut at <see cref="MaxRecordedPath"/> (also the 401 of a
    /// request without a valid client key, which anyone who reaches the port can send).
    public static string Cut(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length <= MaxRecordedPath) return path;
        var end = char.IsHighSurrogate(path[MaxRecordedPath - 1])
            ? MaxRecordedPath - 1 : MaxRecordedPath;
        return path[..end] + "…";
    }

    // A browser says where a request came from (Fetch Metadata). A page on another site that
    // navigates to a proxied path, or loads it as an image or script, sends no Origin, so the
    // origin check does not see it; its answer (an upstream's HTML, say) would run on the
    // gateway's origin, where the report API is. `none` is the user's own address bar.
    private static bool FromAnotherSite(string? fetchSite) =>
        fetchSite is not null
        && (fetchSite.Equals("cross-site", StringComparison.OrdinalIgnoreCase)
            || fetchSite.Equals("same-site", StringComparison.OrdinalIgnoreCase));

    private static GateVerdict HostRefused(string host) =>
        GateVerdict.Refuse(GatewayErrorKind.Forbidden,
            $"Host '{LogValue.Escape(host)}' is not allowed (DNS rebinding guard); "
            + "add its name to [server] allowed_hosts to allow it.", host);

    private static GateVerdict OriginRefused(string origin) =>
        GateVerdict.Refuse(GatewayErrorKind.Forbidden,
            $"Origin '{LogValue.Escape(origin)}' is not allowed (cross-origin guard); "
            + "add it to [server] cors_origins to allow it.", origin);
}
