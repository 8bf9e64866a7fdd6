using System.Data.Common;
using Menshen.Core.Reports;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Menshen.Shell.Storage;

/// One running-sum table seen as rows keyed by `Keys`. On SQLite, `MergeEach` adds each delta
/// to the row with its key in one upsert (histograms merged by `latency_add`), and after a
/// subtraction deletes the row if no request is left in it; the statements are prepared once per
/// connection and bound by position (`match` names its key parameters $k0, $k1, ... in that
/// order). PostgreSQL merges a whole batch at once (Postgres/PgSums) from the same names.
internal sealed class SumsTable(DbConnection connection, string[] columns, string table,
    string[] keys, string conflict, string match) : IDisposable
{
    private sqlite3_stmt? _upsert;
    private sqlite3_stmt? _deleteEmpty;

    public string Name => table;

    public string[] Keys => keys;

    /// The sum columns, in ReportTotals order (<see cref="Values"/>).
    public string[] Columns => columns;

    /// The sums of `totals` in <see cref="Columns"/> order (an older schema has fewer).
    public long[] Values(ReportTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var t = totals;
        long[] all = [t.Requests, t.CacheHits, t.Errors, t.PromptTokens, t.CompletionTokens,
            t.TotalTokens, t.CachedTokens,
            t.ReasoningTokens, t.CostNanos, t.Priced, t.SavedTokens, t.SavedCostNanos,
            t.SavedPriced, t.CacheWrite5mTokens, t.CacheWrite1hTokens, t.Unspent];
        return all[..columns.Length];
    }

    /// Adds each delta times `sign` (+1 rows written, -1 rows purged) to the row with its key
    /// (SQLite: one prepared statement per table and connection, bound by position, run by
    /// RawStatement).
    public void MergeEach(DbTransaction tx, List<SumsEntry> entries, int sign)
    {
        ArgumentNullException.ThrowIfNull(tx); // the upserts run in the caller's transaction
        foreach (var (key, delta) in entries) Merge(key, delta, sign);
    }

    public void Dispose()
    {
        _upsert?.Dispose();
        _deleteEmpty?.Dispose();
    }

    private void Merge(object?[] key, SumsDelta delta, int sign)
    {
        var totals = sign > 0 ? delta.Totals : ReportTotals.Zero.Subtract(delta.Totals);
        var upsert = _upsert ??= Prepare(UpsertSql());
        var row = new RowBinder(upsert);
        BindKey(row, key);
        var values = Values(totals);
        for (var i = 0; i < values.Length; i++) row.Integer(keys.Length + i + 1, values[i]);
        var latency = LatencyBins.Encode(delta.Bins, sign);
        if (latency is null) row.Null(keys.Length + values.Length + 1);
        else row.Blob(keys.Length + values.Length + 1, latency);
        Step(upsert);
        if (sign > 0) return;
        var deleteEmpty = _deleteEmpty ??= Prepare(
            $"DELETE FROM {table} WHERE {match} AND requests <= 0");
        BindKey(new RowBinder(deleteEmpty), key);
        Step(deleteEmpty);
    }

    // A key part is an integer (dimension, time) or a name (text, NULL for none).
    private static void BindKey(RowBinder row, object?[] key)
    {
        for (var i = 0; i < key.Length; i++)
        {
            switch (key[i])
            {
                case long number: row.Integer(i + 1, number); break;
                case string name: row.Text(i + 1, name); break;
                default: row.Null(i + 1); break;
            }
        }
    }

    private string UpsertSql()
    {
        var values = string.Join(", ", columns.Select((_, i) => "?" + (keys.Length + i + 1)));
        var add = string.Join(", ", columns.Select(c => $"{c} = {c} + excluded.{c}"));
        return $"INSERT INTO {table} ({string.Join(", ", keys)}, {string.Join(", ", columns)}, " +
            "latency) " +
            $"VALUES ({string.Join(", ", keys.Select((_, i) => "?" + (i + 1)))}, {values}, " +
            $"?{keys.Length + columns.Length + 1}) " +
            $"ON CONFLICT ({conflict}) DO UPDATE SET {add}, latency = latency_add(" +
            "latency, excluded.latency)";
    }

    private sqlite3 Db => ((SqliteConnection)connection).Handle!;

    private sqlite3_stmt Prepare(string sql) => RawStatement.Prepare(Db, sql);

    private void Step(sqlite3_stmt statement) => RawStatement.Run(Db, statement);
}
