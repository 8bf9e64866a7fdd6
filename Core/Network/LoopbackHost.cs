using System.Net;

namespace Menshen.Core.Network;

/// Which upstream hosts are this machine itself. An environment proxy never carries them: a
/// corporate proxy cannot reach the laptop's Ollama, and the prompt and the provider key must not
/// leave the machine to find that out (Go's httpproxy bypasses loopback the same way).
public static class LoopbackHost
{
    /// True for `localhost`, any `*.localhost` name (RFC 6761 §6.3), 127.0.0.0/8 and ::1
    /// (bracketed as in a URL or not, IPv4-mapped too); a trailing root dot is ignored.
    public static bool Is(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.EndsWith('.') ? host[..^1] : host;
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return true;
        var literal = name.Length > 1 && name[0] == '[' && name[^1] == ']' ? name[1..^1] : name;
        return IPAddress.TryParse(literal, out var address)
            && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }
}
