using System.Text;

namespace Menshen.Core.Network;

/// The user and password a proxy URL's `user:password@` carries, decoded, and whether the
/// proxy's protocol can send them: SOCKS4 has a user id but no password, SOCKS5 (RFC 1929) at
/// most 255 bytes of each. Checked when the config is read, so a password is never dropped or
/// refused on the first request.
public sealed record ProxyLogin(string User, string Password)
{
    /// The longest user name or password RFC 1929 can carry, in UTF-8 bytes.
    public const int Socks5FieldLimit = 255;

    /// The login in a proxy URL, or null when it has none.
    public static ProxyLogin? Of(Uri proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        var info = proxy.UserInfo;
        if (info.Length == 0) return null;
        var colon = info.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? info : info[..colon];
        var password = colon < 0 ? "" : info[(colon + 1)..];
        return new ProxyLogin(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password));
    }

    /// Why the proxy cannot log in with this URL's user and password (never quoting them), or
    /// null when it can.
    public static string? Unsendable(Uri proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        if (Of(proxy) is not { } login) return null;
        return proxy.Scheme switch
        {
            "socks4" or "socks4a" when login.Password.Length > 0 =>
                "SOCKS4 sends a user id but no password; use socks5:// for a proxy with a password",
            "socks5" or "socks5h" when Encoding.UTF8.GetByteCount(login.User) > Socks5FieldLimit
                || Encoding.UTF8.GetByteCount(login.Password) > Socks5FieldLimit =>
                $"a SOCKS5 user name and password are at most {Socks5FieldLimit} bytes each",
            _ => null,
        };
    }
}
