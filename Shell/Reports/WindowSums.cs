using System.Data.Common;
using Menshen.Core.Reports;
using Menshen.Shell.Storage;
using static Menshen.Shell.Reports.ReportSql;

namespace Menshen.Shell.Reports;

/// Sums over the window `[since, ∞)`: whole quarter hours (or days and hours, for a breakdown)
/// from the running sums of schema version 3, the rest from the raw rows, summed by the same
/// Core rules: the window's first partial quarter or hour, and any quarter a bucket boundary
/// cuts (a zone whose offset is not a whole number of quarter hours; none is today).
internal static class WindowSums
{
    private const long QuarterMs = ReportSums.QuarterMs;
    private const long HourMs = ReportSums.HourMs;
    private const long DayMs = ReportSums.DayMs;

    public static WindowSum Total(DbTransaction tx, long sinceMs, bool latency)
    {
        var sum = new WindowSum(latency);
        var firstQuarter = CeilDiv(sinceMs, QuarterMs);
        using (var command = Command(tx,
            $"SELECT {SumColumns}{(latency ? ", latency" : "")} FROM report_quarters WHERE " +
            $"quarter >= $q", ("$q", firstQuarter)))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) sum.AddSums(reader, 0);
        foreach (var row in ReportRows.Between(tx, sinceMs,
            firstQuarter * QuarterMs)) sum.AddRow(row);
        return sum;
    }

    /// Whole UTC days from the day sums, the hours before the first of them from the hour sums,
    /// and the minutes before the first whole hour from the rows.
    public static GroupSums ByDimension(DbTransaction tx, long sinceMs,
        ReportDimension dimension, bool latency)
    {
        var groups = new GroupSums(latency);
        var (firstHour, firstDay) = (CeilDiv(sinceMs, HourMs), CeilDiv(sinceMs, DayMs));
        var columns = $"name, {SumColumns}{(latency ? ", latency" : "")}";
        AddGroups(tx, groups,
            $"SELECT {columns} FROM report_group_days WHERE dimension = $d AND day >= $from",
            dimension, firstDay, 0);
        AddGroups(tx, groups,
            $"SELECT {columns} FROM report_groups WHERE dimension = $d AND hour >= $from AND " +
            $"hour < $to",
            dimension, firstHour, firstDay * (DayMs / HourMs));
        foreach (var row in ReportRows.Between(tx, sinceMs,
            firstHour * HourMs)) groups.AddRow(ReportDimensions.NameOf(row, dimension), row);
        return groups;
    }

    private static void AddGroups(DbTransaction tx, GroupSums groups, string sql,
        ReportDimension dimension, long from, long to)
    {
        using var command = Command(tx, sql, ("$d", (long)dimension), ("$from", from), ("$to", to));
        using var reader = command.ExecuteReader();
        while (reader.Read()) groups[reader.IsDBNull(0) ? null
            : reader.GetString(0)].AddSums(reader, 1);
    }

    /// Sums per bucket; `starts` are the bucket starts (ms), the first at or before `sinceMs`.
    /// Rows after the last start count in the last bucket.
    public static ReportTotals[] ByBucket(DbTransaction tx, long sinceMs, long[] starts)
    {
        var sums = Enumerable.Repeat(ReportTotals.Zero, starts.Length).ToArray();
        var firstQuarter = CeilDiv(sinceMs, QuarterMs);
        AddRaw(tx, sinceMs, firstQuarter * QuarterMs, starts, sums);
        var cut = new List<long>();
        using (var command = Command(tx,
            $"SELECT quarter, {SumColumns} FROM report_quarters WHERE quarter >= $q",
            ("$q", firstQuarter)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var from = reader.GetInt64(0) * QuarterMs;
                var bucket = BucketBoundaries.IndexOf(starts, from);
                if (bucket + 1 < starts.Length
                    && starts[bucket + 1] < from + QuarterMs) cut.Add(from);
                else sums[bucket] = sums[bucket].Add(ReadSums(reader, 1));
            }
        }
        foreach (var from in cut) AddRaw(tx, from, from + QuarterMs, starts, sums);
        return sums;
    }

    private static void AddRaw(DbTransaction tx, long from, long to, long[] starts,
        ReportTotals[] sums)
    {
        foreach (var row in ReportRows.Between(tx, from, to))
        {
            var bucket = BucketBoundaries.IndexOf(starts, row.CreatedAtMs);
            sums[bucket] = sums[bucket].Add(ReportTotals.Of(row));
        }
    }

    private static long CeilDiv(long value, long divisor) => (value + divisor - 1) / divisor;
}
