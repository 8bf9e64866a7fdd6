using System.Data.Common;
using Menshen.Core.Reports;

namespace Menshen.Shell.Storage;

/// One running-sum table seen as rows keyed by `Keys`. On SQLite, `MergeEach` adds each delta
/// to the row with its key in one upsert (histograms merged by `latency_add`), and after a
/// subtraction deletes the row if no request is left in it; the commands are made once per
/// connection. PostgreSQL merges a whole batch at once (Postgres/PgSums) from the same names.
internal sealed class SumsTable(DbConnection connection, string[] columns, string table,
    string[] keys, string conflict, string match) : IDisposable
{
    private DbCommand? _upsert;
    private DbCommand? _deleteEmpty;

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
            t.SavedPriced, t.CacheWrite5mTokens, t.CacheWrite1hTokens];
        return all[..columns.Length];
    }

    /// Adds each delta times `sign` (+1 rows written, -1 rows purged) to the row with its key.
    public void MergeEach(DbTransaction tx, List<SumsEntry> entries, int sign)
    {
        foreach (var (key, delta) in entries) Merge(tx, key, delta, sign);
    }

    public void Dispose()
    {
        _upsert?.Dispose();
        _deleteEmpty?.Dispose();
    }

    private void Merge(DbTransaction tx, object?[] key, SumsDelta delta, int sign)
    {
        var values = Values(sign > 0 ? delta.Totals : ReportTotals.Zero.Subtract(delta.Totals));
        var upsert = _upsert ??= Upsert();
        var parameters = upsert.Parameters;
        for (var i = 0; i < keys.Length; i++) parameters[i].Value = key[i] ?? DBNull.Value;
        for (var i = 0; i < values.Length; i++) parameters[keys.Length + i].Value = values[i];
        parameters[keys.Length + values.Length].Value =
            (object?)LatencyBins.Encode(delta.Bins, sign) ?? DBNull.Value;
        upsert.Transaction = tx;
        upsert.ExecuteNonQuery();
        if (sign > 0) return;
        var deleteEmpty = _deleteEmpty ??= Prepare(
            $"DELETE FROM {table} WHERE {match} AND requests <= 0",
            [.. keys.Select((_, i) => "$k" + i)]);
        for (var i = 0; i < keys.Length; i++)
            deleteEmpty.Parameters[i].Value = key[i] ?? DBNull.Value;
        deleteEmpty.Transaction = tx;
        deleteEmpty.ExecuteNonQuery();
    }

    private DbCommand Upsert()
    {
        var values = string.Join(", ", columns.Select((_, i) => "$v" + i));
        var add = string.Join(", ", columns.Select(c => $"{c} = {c} + excluded.{c}"));
        return Prepare(
            $"INSERT INTO {table} ({string.Join(", ", keys)}, {string.Join(", ", columns)}, " +
            $"latency) "
            + $"VALUES ({string.Join(", ", keys.Select((_, i) => "$k" + i))}, {values}, $latency) "
            + $"ON CONFLICT ({conflict}) DO UPDATE SET {add}, latency = latency_add(" +
                "latency, excluded.latency)",
            [.. keys.Select((_, i) => "$k" + i), .. columns.Select((_, i) => "$v" + i),
            "$latency"]);
    }

    private DbCommand Prepare(string sql, string[] parameters)
    {
        var command = Sql.Command(connection, sql);
        foreach (var name in parameters) Sql.Add(command, name, null);
        return command;
    }
}
