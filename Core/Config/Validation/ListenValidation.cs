using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LanguageExt;
using LanguageExt.Common;

namespace Menshen.Core.Config.Validation;

/// `listen`: `host:port`, `:port` (every interface) or `[ipv6]:port`; loopback by default.
internal static class ListenValidation
{
    public static readonly ListenAddress Default = new("127.0.0.1", 8080);

    private const string Expected = "host:port, :port or [ipv6]:port (such as 127.0.0.1:8080)";

    public static Validation<Error, ListenAddress> Validate(string? listen) =>
        listen is null ? Default : Parse(listen.Trim(), listen);

    private static Validation<Error, ListenAddress> Parse(string text, string original)
    {
        // A URL read as host:port blamed brackets for IPv6 (helper-65).
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            return Problem($"expected {Expected}, not a URL: drop '{text[..(scheme + 3)]}'; "
                + $"got '{original}'");
        }

        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            return Problem($"expected {Expected}, got '{original}' (no port)");
        }

        var host = text[..colon];
        var port = text[(colon + 1)..];
        return (Host(host, original),
            Port(port, original)).Apply((h, p) => new ListenAddress(h, p));
    }

    private static Validation<Error, string> Host(string host, string original)
    {
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return IPAddress.TryParse(host[1..^1], out var ip)
                && ip.AddressFamily == AddressFamily.InterNetworkV6
                ? Prelude.Success<Error, string>(host)
                : Problem($"expected an IPv6 address inside [ ], got '{original}'");
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            return Problem($"an IPv6 host needs brackets, such as [::1]:8080; got '{original}'");
        }

        return host.Length == 0
            || Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4
            ? Prelude.Success<Error, string>(host)
            : Problem($"expected a host name or IP address before the port, got '{original}'");
    }

    private static Validation<Error, int> Port(string port, string original) =>
        port.Length > 0 && port.All(char.IsAsciiDigit)
            && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            && p is >= 1 and <= 65535
            ? p
            : Problem($"expected a port from 1 to 65535 after the last ':', got '{original}'");

    private static Error Problem(string detail) => ConfigError.At("listen", detail);
}
