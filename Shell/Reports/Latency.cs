using Microsoft.Data.Sqlite;
using static Menshen.Shell.Reports.ReportSql;

namespace Menshen.Shell.Reports;

/// Nearest-rank latency percentiles over the window's requests that were not cache hits (a hit
/// is answered from the store and would flatter the upstream latency). `count` is the number
/// of such requests, from the running sums. A large set is read by walking ix_requests_latency
/// in duration order from the nearer end, skipping to the rank (no sort, no table rows read);
/// a small group is read whole through its own index and sorted, since a walk looking for a
/// rare provider or key could pass over most of the index first.
internal static class Latency
{
    private const long SmallGroup = 2_000;

    /// The `percent`-th percentile in ms over all requests; 0 when `count` is 0.
    public static double Percentile(SqliteTransaction tx, long sinceMs, long count, int percent) =>
        count <= 0 ? 0 : Walk(tx, sinceMs, count, percent, "", null);

    /// The same over one group of a breakdown (null: the requests without a name).
    public static double Percentile(
        SqliteTransaction tx, long sinceMs, long count, int percent, ReportDimension dimension, string? group) =>
        count <= 0 ? 0
        : count <= SmallGroup ? Small(tx, sinceMs, percent, dimension, group)
        : Walk(tx, sinceMs, count, percent, $" AND {Column(dimension)} IS $group", group);

    private static double Walk(SqliteTransaction tx, long sinceMs, long count, int percent, string filter, string? group)
    {
        var seek = Core.Reports.Percentile.Seek(count, percent);
        var order = seek.Descending ? "DESC" : "ASC";
        using var command = Command(tx,
            "SELECT duration_ms FROM requests INDEXED BY ix_requests_latency "
            + $"WHERE cache_status <> 2 AND created_at >= $since{filter} ORDER BY duration_ms {order} LIMIT 1 OFFSET $offset",
            ("$since", sinceMs), ("$offset", seek.Offset), ("$group", group));
        return command.ExecuteScalar() is double ms ? ms : 0;
    }

    private static double Small(SqliteTransaction tx, long sinceMs, int percent, ReportDimension dimension, string? group)
    {
        using var command = Command(tx,
            $"SELECT duration_ms FROM requests INDEXED BY {Index(dimension)} "
            + $"WHERE {Column(dimension)} IS $group AND id >= $since AND cache_status <> 2",
            ("$group", group), ("$since", sinceMs * 1000));
        var durations = new List<double>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) durations.Add(reader.GetDouble(0));
        if (durations.Count == 0) return 0;
        durations.Sort();
        return durations[(int)Core.Reports.Percentile.Rank(durations.Count, percent) - 1];
    }
}
