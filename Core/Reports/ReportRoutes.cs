namespace Menshen.Core.Reports;

/// Route names as they appear after `/__report/`, and the query parameters each route reads.
public static class ReportRoutes
{
    private static readonly string[] Window = ["days"];
    private static readonly string[] Zoned = ["days", "tz"];
    private static readonly string[] Bucketed = ["days", "bucket", "tz"];
    private static readonly string[] LogList =
        ["days", "limit", "before", "format", "model", "provider", "key", "status", "endpoint",
            "cached", "stream", "q", "tried"];
    private static readonly string[] OneLog = ["id", "days"];

    /// `_=…`, which scripts and some HTTP tools add so that no cache answers: never refused.
    public const string CacheBuster = "_";

    // Each route with its name: one table for both directions.
    private static readonly (string Name, ReportRoute Route)[] Named =
    [
        ("summary", ReportRoute.Summary), ("daily", ReportRoute.Daily),
        ("models", ReportRoute.Models), ("providers", ReportRoute.Providers),
        ("keys", ReportRoute.Keys), ("series", ReportRoute.Series),
        ("logs", ReportRoute.Logs), ("log", ReportRoute.Log),
    ];

    /// The route for a name such as `summary`; null for an unknown name (the caller answers 404).
    public static ReportRoute? Parse(string name)
    {
        foreach (var (known, route) in Named)
        {
            if (known == name) return route;
        }
        return null;
    }

    /// The name of `route` as it appears after `/__report/`.
    public static string Name(ReportRoute route)
    {
        foreach (var (name, known) in Named)
        {
            if (known == route) return name;
        }
        throw new ArgumentOutOfRangeException(nameof(route), route, "not a report route");
    }

    /// The parameters a route reads; any other is refused, except the cache-buster
    /// <see cref="CacheBuster"/>.
    public static IReadOnlyList<string> Parameters(ReportRoute route) => route switch
    {
        ReportRoute.Daily => Zoned,
        ReportRoute.Series => Bucketed,
        ReportRoute.Logs => LogList,
        ReportRoute.Log => OneLog,
        _ => Window,
    };
}
