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

    /// False for hop-by-hop response headers (Connection, Keep-Alive, Transfer-Encoding, ...) and
    /// for `Access-Control-*`: only the gateway decides which web origins may read its answers.
    /// Content-Length is forwarded: the Shell must drop it itself when it changes the body.
    public static bool ShouldForward(string name) =>
        !HopByHop.Contains(name)
        && !name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase);

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
