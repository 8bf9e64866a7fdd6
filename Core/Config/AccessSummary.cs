namespace Menshen.Core.Config;

/// The `-check-config` line for the Host and Origin guards (SPEC §12).
internal static class AccessSummary
{
    public static string Line(GatewayConfig c)
    {
        var hosts = c.Server.AllowedHosts;
        var host = (c.Listen.IsLoopback, hosts.IsEmpty) switch
        {
            (true, true) => "Host must be localhost or a loopback address",
            (false, true) => "any Host (listen is beyond loopback; set allowed_hosts to restrict)",
            _ => $"Host must be a loopback name or {string.Join(", ", hosts)}",
        };
        var origins = c.Server.CorsOrigins.IsEmpty
            ? "pages of other origins refused"
            : $"pages of {string.Join(", ", c.Server.CorsOrigins)} allowed, other origins refused";
        return $"access: {host}; {origins}";
    }
}
