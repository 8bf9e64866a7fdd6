namespace Menshen.Core.Http;

public static class LocalRouteTable
{
    /// Which local route a path is. Health, robots and favicon answer without auth; metrics,
    /// reports and dashboard assets sit behind the dashboard login.
    public static LocalRoute Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // `/healthz/` is `/healthz` (one trailing slash), never a path proxied with a key.
        var bare = path.Length > 1 && path.EndsWith('/') && !path.EndsWith("//",
            StringComparison.Ordinal) ? path[..^1] : path;
        if (bare is "/healthz" or "/robots.txt" or "/favicon.ico" or "/metrics") path = bare;
        return path switch
        {
            "/healthz" => LocalRoute.Health,
            "/robots.txt" => LocalRoute.Robots,
            "/favicon.ico" => LocalRoute.Favicon,
            "/metrics" => LocalRoute.Metrics,
            _ when path.StartsWith("/__report/", StringComparison.Ordinal) => LocalRoute.Report,
            "/" or "/index.html" => LocalRoute.Dashboard,
            // `/__report` in any case is the gateway's own: `/__REPORT/x` is a local 404.
            _ when path.StartsWith("/assets/", StringComparison.Ordinal)
                || path.StartsWith("/__report", StringComparison.OrdinalIgnoreCase) =>
                    LocalRoute.Dashboard,
            _ => LocalRoute.Proxied,
        };
    }
}
