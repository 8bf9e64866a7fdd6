using Menshen.Core.Reports;
using Microsoft.Data.Sqlite;
using static Menshen.Shell.Reports.ReportSql;

namespace Menshen.Shell.Reports;

/// Sums over the window `[since, ∞)`: whole quarter hours (or hours, for a breakdown) from the
/// running sums of schema version 3, the rest from the raw rows: the window's first partial
/// quarter or hour, and any quarter a bucket boundary cuts (a zone whose offset is not a whole
/// number of quarter hours; none is today).
internal static class WindowSums
{
    public const long QuarterMs = 900_000;
    public const long HourMs = 3_600_000;

    private const string RawRange =
        " FROM requests AS r INDEXED BY ix_requests_report WHERE r.created_at >= $from AND r.created_at < $to";

    public static ReportTotals Total(SqliteTransaction tx, long sinceMs)
    {
        var firstQuarter = CeilDiv(sinceMs, QuarterMs);
        using var command = Command(tx, $"SELECT {RollupSums} FROM report_quarters WHERE quarter >= $q", ("$q", firstQuarter));
        return ReadOne(command).Add(Raw(tx, sinceMs, firstQuarter * QuarterMs));
    }

    public static GroupSums ByDimension(SqliteTransaction tx, long sinceMs, ReportDimension dimension)
    {
        var column = Column(dimension);
        var firstHour = CeilDiv(sinceMs, HourMs);
        var groups = new GroupSums();
        using (var rolled = Command(tx,
            $"SELECT name, {RollupSums} FROM report_groups WHERE dimension = $d AND hour >= $h GROUP BY name",
            ("$d", (long)dimension), ("$h", firstHour)))
            ReadGroups(rolled, groups);
        using (var raw = Command(tx, $"SELECT r.{column}, {RawSums}{RawRange} GROUP BY r.{column}",
            ("$from", sinceMs), ("$to", firstHour * HourMs)))
            ReadGroups(raw, groups);
        return groups;
    }

    /// Sums per bucket; `starts` are the bucket starts (ms), the first at or before `sinceMs`.
    /// Rows after the last start count in the last bucket.
    public static ReportTotals[] ByBucket(SqliteTransaction tx, long sinceMs, long[] starts)
    {
        var sums = Enumerable.Repeat(ReportTotals.Zero, starts.Length).ToArray();
        var firstQuarter = CeilDiv(sinceMs, QuarterMs);
        AddRaw(tx, sinceMs, firstQuarter * QuarterMs, starts, sums);
        var cut = new List<long>();
        using (var command = Command(tx, $"SELECT quarter, {RollupColumns} FROM report_quarters WHERE quarter >= $q", ("$q", firstQuarter)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var from = reader.GetInt64(0) * QuarterMs;
                var bucket = BucketOf(starts, from);
                if (bucket + 1 < starts.Length && starts[bucket + 1] < from + QuarterMs) cut.Add(from);
                else sums[bucket] = sums[bucket].Add(ReadSums(reader, 1));
            }
        }
        foreach (var from in cut) AddRaw(tx, from, from + QuarterMs, starts, sums);
        return sums;
    }

    /// The index of the bucket holding `ms`: the last start at or before it (the first bucket
    /// for an earlier instant).
    public static int BucketOf(long[] starts, long ms)
    {
        var found = Array.BinarySearch(starts, ms);
        return Math.Max(0, found >= 0 ? found : ~found - 1);
    }

    private static void AddRaw(SqliteTransaction tx, long from, long to, long[] starts, ReportTotals[] sums)
    {
        while (from < to)
        {
            var bucket = BucketOf(starts, from);
            var end = bucket + 1 < starts.Length ? Math.Min(to, starts[bucket + 1]) : to;
            sums[bucket] = sums[bucket].Add(Raw(tx, from, end));
            from = end;
        }
    }

    private static ReportTotals Raw(SqliteTransaction tx, long from, long to)
    {
        if (from >= to) return ReportTotals.Zero;
        using var command = Command(tx, $"SELECT {RawSums}{RawRange}", ("$from", from), ("$to", to));
        return ReadOne(command);
    }

    private static ReportTotals ReadOne(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadSums(reader, 0) : ReportTotals.Zero;
    }

    private static void ReadGroups(SqliteCommand command, GroupSums groups)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read()) groups.Add(reader.IsDBNull(0) ? null : reader.GetString(0), ReadSums(reader, 1));
    }

    private static long CeilDiv(long value, long divisor) => (value + divisor - 1) / divisor;
}
