using System.Collections.Immutable;

namespace Menshen.Core.Http;

/// What an `Origin` header means for a request: none, the gateway's own page, a listed origin,
/// or a web page that must not reach the gateway.
public enum OriginVerdict
{
    Absent,
    SameOrigin,
    Listed,
    Refused,
}

/// The cross-origin guard: a browser page may use the gateway only from its own origin or from
/// one listed in `[server] cors_origins`.
public static class OriginCheck
{
    /// `Access-Control-Expose-Headers` for a listed origin: every response header (`*`, for
    /// requests without cookies, which is how API clients call), and by name the gateway's own
    /// and the retry advice, for requests with them.
    public const string ExposedHeaders =
        "*, X-Request-Id, X-Cache, Age, Retry-After, X-Should-Retry";

    public static OriginVerdict Decide(
        string? origin, string scheme, string? hostHeader, ImmutableArray<string> corsOrigins)
    {
        if (origin is null) return OriginVerdict.Absent;
        var normal = Normalize(origin);
        if (normal is null) return OriginVerdict.Refused;
        if (!string.IsNullOrEmpty(hostHeader) && Normalize(scheme + "://" + hostHeader) == normal)
            return OriginVerdict.SameOrigin;
        return !corsOrigins.IsDefault && corsOrigins.Any(o => Normalize(o) == normal)
            ? OriginVerdict.Listed
            : OriginVerdict.Refused;
    }

    /// `scheme://host[:port]` in lower case with the scheme's default port dropped; null for
    /// anything that is not an http(s) origin (`null`, a path, a user name).
    public static string? Normalize(string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var text = origin.Trim().TrimEnd('/');
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme is not ("http" or "https") || uri.Host.Length == 0) return null;
        if (uri.UserInfo.Length > 0 || uri.PathAndQuery != "/" || uri.Fragment.Length > 0)
            return null;
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }
}
