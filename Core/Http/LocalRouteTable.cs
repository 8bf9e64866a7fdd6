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
            // Any other spelling of a local route is the gateway's own too (a local 404), never
            // a request proxied with a key (SPEC §12): `/__REPORT/x`, `/METRICS`, `/Assets/x`,
            // and `/v1/__report/…`, which no provider serves.
            _ when path.StartsWith("/assets/", StringComparison.Ordinal)
                || OtherSpelling(path, bare) => LocalRoute.Dashboard,
            _ => LocalRoute.Proxied,
        };
    }

    private static readonly string[] ExactNames =
        ["/healthz", "/robots.txt", "/favicon.ico", "/metrics", "/index.html"];

    // `bare`: the path without one trailing slash.
    private static bool OtherSpelling(string path, string bare) =>
        path.StartsWith("/__report", StringComparison.OrdinalIgnoreCase)
        || path.StartsWith("/v1/__report", StringComparison.OrdinalIgnoreCase)
        || path.StartsWith("/assets/", StringComparison.OrdinalIgnoreCase)
        || IsExactName(bare);

    // A loop, not Array.Exists: its lambda captures `bare`, an allocation every request.
    private static bool IsExactName(string bare)
    {
        foreach (var name in ExactNames)
        {
            if (bare.Equals(name, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
