using System.Data.Common;
using System.Globalization;
using Menshen.Core.Caching;
using Menshen.Core.Reports;
using Menshen.Shell.Reports.Json;
using static Menshen.Shell.Reports.ReportSql;

namespace Menshen.Shell.Reports;

/// `/__report/logs`: the window walked newest first in slices (see LogScan), each slice one
/// query with the filters of LogSql, until the page is full or the scan budget is spent.
internal static class LogsReport
{
    // A cache hit stores no body of its own: its answer's preview is its source's.
    private const string Columns =
        "r.id, r.created_at, r.model, r.path, r.status, r.duration_ms, r.total_tokens, " +
            "r.request_preview, "
        + "COALESCE(r.response_preview, s.response_preview), r.provider, r.client_key, r.stream, "
        + "r.cache_status, r.method, r.endpoint, r.cost_usd, r.legacy_id, r.error";

    private const string Source = " LEFT JOIN requests s ON s.id = r.cache_source_id";

    /// `clock` times the walk's budget (tests freeze it to compare two stores row for row);
    /// `cancel` (the client left) stops it between runs.
    public static LogPage Read(DbTransaction tx, ReportQuery query, TimeProvider clock,
        CancellationToken cancel = default)
    {
        var filter = LogSql.Filter(query.Filter);
        var scan = LogScan.For(filter);
        var (low, high) = (query.Since.ToUnixTimeMilliseconds() * 1000,
            query.Before ?? long.MaxValue);
        var rows = new List<LogJson>(query.Limit + 1);
        var (scanned, scannedBytes) = (0L, 0L);
        var started = clock.GetTimestamp();
        foreach (var slice in scan.Slices(Quarters(tx, low, high), low, high))
        {
            for (var top = slice.High; top > slice.Low;)
            {
                if (scan.Spent(scanned, scannedBytes, clock.GetElapsedTime(started)))
                    return new LogPage([.. rows], top);
                cancel.ThrowIfCancellationRequested();
                var (run, bytes) = scan.RunsByBytes ? RunOfBytes(tx, slice.Low, top, scan)
                    : (scan.ReadsInRuns(slice) ? RunBelow(tx, slice.Low, top, scan.SliceRows)
                        : slice with { High = top }, 0L);
                ReadSlice(tx, filter, run, query.Limit + 1 - rows.Count, rows);
                (scanned, scannedBytes) = (scanned + run.Rows, scannedBytes + bytes);
                if (rows.Count > query.Limit) return new LogPage([.. rows.Take(query.Limit)],
                    rows[query.Limit - 1].Id);
                top = run.Low;
            }
        }
        return new LogPage([.. rows], null);
    }

    /// The newest `count` rows of `[low, high)` as a slice, its low end found by walking the id
    /// index (the row `count` places down); all of what is left when fewer remain.
    private static LogSlice RunBelow(DbTransaction tx, long low, long high, long count)
    {
        using var command = Command(tx,
            "SELECT id FROM requests WHERE id >= $low AND id < $high ORDER BY id DESC " +
            "LIMIT 1 OFFSET $count",
            ("$low", low), ("$high", high), ("$count", count));
        return command.ExecuteScalar() is { } id and not DBNull
            ? new LogSlice(Convert.ToInt64(id, CultureInfo.InvariantCulture) + 1, high, count)
            : new LogSlice(low, high, count);
    }

    /// The newest rows of `[low, high)` whose bodies together fit the scan's RunBytes (at most
    /// SliceRows of them, at least one), as a slice: a search reads ~3 ms a MB of body, so a
    /// run of 1,000 agent turns of several MB each took seconds before the budget was looked at
    /// again (helper-78).
    private static (LogSlice Run, long Bytes) RunOfBytes(DbTransaction tx, long low, long high,
        LogScan scan)
    {
        var (ids, bytes) = (new List<long>(), new List<long>());
        // One row more than a run may hold tells whether any is left below it.
        using (var command = Command(tx,
            "SELECT id, request_bytes + response_bytes FROM requests WHERE id >= $low AND " +
            "id < $high ORDER BY id DESC LIMIT $count",
            ("$low", low), ("$high", high), ("$count", scan.SliceRows + 1)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
                bytes.Add(reader.GetInt64(1));
            }
        }
        var taken = scan.TakeByBytes([.. bytes.Take((int)scan.SliceRows)]);
        var read = bytes.Take(taken).Sum();
        // All of what is left when the run takes every row below `high`.
        return taken == ids.Count ? (new LogSlice(low, high, taken), read)
            : (new LogSlice(ids[taken - 1], high, taken), read);
    }

    /// Row counts per quarter hour over the ids `[low, high)`, newest first. Read in full before
    /// the first slice: a PostgreSQL connection runs one command at a time (a reader still open
    /// failed every page that needed a second slice), and a window has at most 96 a day.
    private static List<(long Quarter, long Rows)> Quarters(DbTransaction tx, long low,
        long high)
    {
        var quarters = new List<(long Quarter, long Rows)>();
        using var command = Command(tx,
            "SELECT quarter, requests FROM report_quarters WHERE quarter >= $low AND quarter <= " +
            "$high ORDER BY quarter DESC",
            ("$low", LogScan.QuarterOf(low)), ("$high", LogScan.QuarterOf(high - 1)));
        using var reader = command.ExecuteReader();
        while (reader.Read()) quarters.Add((reader.GetInt64(0), reader.GetInt64(1)));
        return quarters;
    }

    private static void ReadSlice(DbTransaction tx, SqlFilter filter, LogSlice slice, int take,
        List<LogJson> rows)
    {
        var bodies = filter.ReadsBodies ? " LEFT JOIN bodies b ON b.request_id = r.id" : "";
        using var command = Command(tx,
            $"SELECT {Columns} FROM requests r{bodies}{Source} WHERE r.id >= $low AND r.id < " +
            $"$high{filter.Conditions} "
            + "ORDER BY r.id DESC LIMIT $take",
            [("$low", slice.Low), ("$high", slice.High), ("$take", (long)take),
             .. filter.Parameters.Select(p => (p.Name, p.Value))]);
        using var reader = command.ExecuteReader();
        while (reader.Read()) rows.Add(Row(reader));
    }

    private static LogJson Row(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), Text(r, 2), r.GetString(3), (int)r.GetInt64(4),
        r.GetDouble(5), Long(r, 6),
        Text(r, 7), Text(r, 8), Text(r, 9), Text(r, 10), r.GetInt64(11) != 0,
        r.GetInt64(12) == (long)CacheStatus.Hit,
        r.GetString(13), r.GetString(14), r.IsDBNull(15) ? null : (decimal)r.GetDouble(15),
        Text(r, 17), Text(r, 16));

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long? Long(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
}
