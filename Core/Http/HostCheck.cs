using System.Collections.Immutable;
using System.Globalization;

namespace Menshen.Core.Http;

/// The DNS-rebinding guard: which `Host` header values the gateway answers.
public static class HostCheck
{
    /// While the gateway listens on loopback, only loopback names and `allowed` pass; beyond
    /// loopback, `allowed` restricts the same way when set, and any Host passes when it is empty.
    /// A request without a Host (HTTP/1.0) passes: no browser sends one. `listenName`, the name
    /// the gateway listens on (if it is one), passes like a listed name.
    public static bool Allows(string? hostHeader, bool loopbackListen,
        ImmutableArray<string> allowed, string? listenName = null)
    {
        if (string.IsNullOrEmpty(hostHeader)) return true;
        if (!loopbackListen && allowed.IsDefaultOrEmpty) return true;
        var host = NameOf(hostHeader);
        return IsLoopbackName(host)
            || (listenName is not null && Normalize(listenName) == host)
            || (!allowed.IsDefault && allowed.Any(a => Normalize(a) == host));
    }

    /// The host part of a Host header value, lower-case, without port or trailing dot.
    public static string NameOf(string hostHeader)
    {
        ArgumentNullException.ThrowIfNull(hostHeader);
        var value = hostHeader.Trim();
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? value.ToLowerInvariant() : value[..(close + 1)].ToLowerInvariant();
        }
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return Normalize(colon < 0 ? value : value[..colon]);
    }

    /// `localhost`, `*.localhost`, 127.0.0.0/8 written as four decimal parts, or `[::1]`.
    public static bool IsLoopbackName(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host is "localhost" or "[::1]"
            || host.EndsWith(".localhost", StringComparison.Ordinal)
            || IsLoopbackIPv4(host);
    }

    private static string Normalize(string host) => host.Trim().TrimEnd('.').ToLowerInvariant();

    // Read in place: every request's Host is checked, and most are `127.0.0.1`.
    private static bool IsLoopbackIPv4(string host)
    {
        var rest = host.AsSpan();
        for (var part = 0; part < 4; part++)
        {
            var dot = rest.IndexOf('.');
            var octet = dot < 0 ? rest : rest[..dot];
            if ((dot < 0) != (part == 3) || !IsOctet(octet)
                || (part == 0 && !octet.SequenceEqual("127"))) return false;
            rest = dot < 0 ? [] : rest[(dot + 1)..];
        }
        return true;
    }

    private static bool IsOctet(ReadOnlySpan<char> part) =>
        part.Length is > 0 and <= 3 && !part.ContainsAnyExceptInRange('0', '9')
        && int.Parse(part, CultureInfo.InvariantCulture) <= 255;
}
