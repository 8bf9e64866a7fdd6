using System.Data.Common;
using Menshen.Core.Reports;
using Menshen.Shell.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Menshen.Shell.Storage;

/// Keeps the running sums of schema versions 3 and 5 equal to the rows of `requests`: rows added
/// (mapped by the writer) or removed (read back by id) are summed per quarter hour and per
/// (dimension, hour, name) with Core's
/// rules (ReportTotals.Of, LatencyBins), and merged into the sum rows, in the caller's
/// transaction: on SQLite one upsert per key (commands made once per connection), on
/// PostgreSQL all of them in one round trip (PgSums). The sum rows are merged in key order so
/// that PostgreSQL writers on several instances lock them in the same order (no deadlock).
internal sealed class ReportSums(DbConnection connection, string[]? sumColumns = null)
    : IDisposable
{
    public const long QuarterMs = 900_000;
    public const long HourMs = 3_600_000;
    public const long DayMs = 86_400_000;
    private const int RebuildChunk = 50_000;

    // The sum columns of the schema at hand: migration 3 builds the sums before version 5 adds
    // the cache-write columns.
    private static string[] ColumnsOf(string[]? sumColumns) => sumColumns ?? SchemaV11.SumColumns;

    private SqliteCommand? _byIds;
    private readonly SumsTable _quarters = new(connection, ColumnsOf(sumColumns),
        "report_quarters", ["quarter"], "quarter", "quarter = $k0");
    private readonly SumsTable _groups = new(connection, ColumnsOf(sumColumns), "report_groups",
        ["dimension", "hour", "name"],
        "dimension, hour, ifnull(name, x'00')",
        "dimension = $k0 AND hour = $k1 AND ifnull(name, x'00') = ifnull($k2, x'00')");
    private readonly SumsTable _groupDays = new(connection, ColumnsOf(sumColumns),
        "report_group_days",
        ["dimension", "day", "name"],
        "dimension, day, ifnull(name, x'00')",
        "dimension = $k0 AND day = $k1 AND ifnull(name, x'00') = ifnull($k2, x'00')");

    /// Adds rows just written (the writer maps its exchanges: RequestRow.Report).
    public void Add(DbTransaction tx, List<ReportRow> rows) => Apply(tx, rows, +1);

    /// Subtracts the rows with these ids (SQLite: read back before they are deleted).
    public void Subtract(DbTransaction tx, IReadOnlyCollection<long> ids) =>
        Apply(tx, ReportRows.ByIds(_byIds ??= ReportRows.ByIdsCommand(
            (SqliteConnection)connection,
            ColumnsOf(sumColumns).Length > SchemaV3.SumColumns.Length), tx, ids), -1);

    /// Subtracts rows already read (PostgreSQL: returned by the DELETE that removed them).
    public void Subtract(DbTransaction tx, List<ReportRow> rows) => Apply(tx, rows, -1);

    /// Recomputes every sum from the rows (migration 3, or rows written behind the writer's back),
    /// into `sumColumns` (the latest schema's by default).
    public static long Rebuild(DbTransaction tx, string[]? sumColumns = null)
    {
        var summed = 0L;
        var columns = ColumnsOf(sumColumns);
        using var sums = new ReportSums(tx.Connection!, columns);
        using (var clear = Sql.Command(tx,
            "DELETE FROM report_quarters; DELETE FROM report_groups; DELETE FROM " +
            "report_group_days;")) clear.ExecuteNonQuery();
        // In chunks by id, each read to the end before its sums are merged: PostgreSQL runs no
        // command on a connection while a reader is open on it.
        var select = "SELECT r.id, " +
            $"{ReportRows.ColumnsFor(columns.Length > SchemaV3.SumColumns.Length)} " +
            "FROM requests r WHERE r.id > $after ORDER BY r.id LIMIT $take";
        var after = long.MinValue;
        while (true)
        {
            var chunk = new List<ReportRow>(RebuildChunk);
            using (var command = Sql.Command(tx, select, ("$after", after),
                ("$take", (long)RebuildChunk)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    after = reader.GetInt64(0);
                    chunk.Add(ReportRows.Read(reader, 1));
                }
            }
            sums.Apply(tx, chunk, +1);
            summed += chunk.Count;
            if (chunk.Count < RebuildChunk) return summed;
        }
    }

    public void Dispose()
    {
        _byIds?.Dispose();
        _quarters.Dispose();
        _groups.Dispose();
        _groupDays.Dispose();
    }

    private void Apply(DbTransaction tx, List<ReportRow> rows, int sign)
    {
        if (rows.Count == 0) return;
        var quarters = new Dictionary<long, SumsDelta>();
        var hours = new Dictionary<(int Dimension, long Hour, string? Name), SumsDelta>();
        var days = new Dictionary<(int Dimension, long Day, string? Name), SumsDelta>();
        foreach (var row in rows)
        {
            var totals = ReportTotals.Of(row);
            Delta(quarters, row.CreatedAtMs / QuarterMs).Add(row, totals);
            var (hour, day) = (row.CreatedAtMs / HourMs, row.CreatedAtMs / DayMs);
            foreach (var dimension in ReportDimensions.All)
            {
                var name = ReportDimensions.NameOf(row, dimension);
                Delta(hours, ((int)dimension, hour, name)).Add(row, totals);
                Delta(days, ((int)dimension, day, name)).Add(row, totals);
            }
        }
        List<SumsChange> changes =
        [
            new(_quarters, Ordered(quarters)),
            new(_groups, Ordered(hours)),
            new(_groupDays, Ordered(days)),
        ];
        // PostgreSQL: every upsert in one round trip. SQLite runs in-process: one per key.
        if (tx is NpgsqlTransaction postgres) PgSums.Merge(postgres, changes, sign);
        else foreach (var change in changes) change.Table.MergeEach(tx, change.Entries, sign);
    }

    // Key order, sorted in place (no LINQ pipeline per table and batch).
    private static List<SumsEntry> Ordered(Dictionary<long, SumsDelta> deltas)
    {
        var quarters = new long[deltas.Count];
        deltas.Keys.CopyTo(quarters, 0);
        Array.Sort(quarters);
        var entries = new List<SumsEntry>(quarters.Length);
        foreach (var quarter in quarters) entries.Add(new SumsEntry([quarter], deltas[quarter]));
        return entries;
    }

    private static List<SumsEntry> Ordered(
        Dictionary<(int Dimension, long At, string? Name), SumsDelta> deltas)
    {
        var keys = new (int Dimension, long At, string? Name)[deltas.Count];
        deltas.Keys.CopyTo(keys, 0);
        Array.Sort(keys, static (a, b) =>
            a.Dimension != b.Dimension ? a.Dimension.CompareTo(b.Dimension)
            : a.At != b.At ? a.At.CompareTo(b.At)
            : StringComparer.Ordinal.Compare(a.Name, b.Name));
        var entries = new List<SumsEntry>(keys.Length);
        foreach (var key in keys)
            entries.Add(new SumsEntry([(long)key.Dimension, key.At, key.Name], deltas[key]));
        return entries;
    }

    private static SumsDelta Delta<TKey>(Dictionary<TKey, SumsDelta> deltas, TKey key) where TKey
        : notnull
    {
        if (!deltas.TryGetValue(key, out var delta)) deltas[key] = delta = new SumsDelta();
        return delta;
    }
}
