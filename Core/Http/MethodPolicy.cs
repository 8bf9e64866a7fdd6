using System.Collections.Frozen;

namespace Menshen.Core.Http;

/// Which request methods the gateway forwards; any other (TRACE, TRACK, CONNECT, …) gets 405.
public static class MethodPolicy
{
    public const string Allowed = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    private static readonly FrozenSet<string> Proxied = FrozenSet.Create(
        StringComparer.Ordinal, "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /// Methods are case-sensitive (RFC 9110 §9.1): `get` is not GET and is refused too.
    public static bool IsProxied(string method) => Proxied.Contains(method);

    /// GET or HEAD: a read, which carries no prompt to send anywhere and may be sent again.
    public static bool IsRead(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.Equals("GET", StringComparison.OrdinalIgnoreCase)
            || method.Equals("HEAD", StringComparison.OrdinalIgnoreCase);
    }
}
