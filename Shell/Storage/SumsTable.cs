using System.Data.Common;
using Menshen.Core.Reports;

namespace Menshen.Shell.Storage;

/// One running-sum table seen as rows keyed by `keys`: adds a delta to the row with that key in
/// one upsert (histograms merged by `latency_add`, a function on both backends), and after a
/// subtraction deletes the row if no request is left in it. Commands are made once per
/// connection. `conflict` and `match` are the SQLite texts; PostgreSQL's unique constraints
/// treat NULL names as equal (NULLS NOT DISTINCT), so there the key columns are the conflict
/// target and names compare with IS NOT DISTINCT FROM.
internal sealed class SumsTable : IDisposable
{
    private readonly DbCommand _upsert;
    private readonly DbCommand _deleteEmpty;
    private readonly int _keys;
    private readonly int _columns;

    public SumsTable(DbConnection connection, string[] columns, string table, string[] keys,
        string conflict, string match)
    {
        _keys = keys.Length;
        _columns = columns.Length;
        var postgres = Sql.IsPostgres(connection);
        var values = string.Join(", ", columns.Select((_, i) => "$v" + i));
        // PostgreSQL needs the target's columns qualified in DO UPDATE; SQLite's text is kept.
        var target = postgres ? table + "." : "";
        var add = string.Join(", ", columns.Select(c => $"{c} = {target}{c} + excluded.{c}"));
        if (postgres)
        {
            conflict = string.Join(", ", keys);
            match = string.Join(" AND ", keys.Select((k, i) => $"{k} IS NOT DISTINCT FROM $k{i}"));
        }
        _upsert = Prepare(connection,
            $"INSERT INTO {table} ({string.Join(", ", keys)}, {string.Join(", ", columns)}, " +
            $"latency) "
            + $"VALUES ({string.Join(", ", keys.Select((_, i) => "$k" + i))}, {values}, $latency) "
            + $"ON CONFLICT ({conflict}) DO UPDATE SET {add}, latency = latency_add(" +
                $"{target}latency, excluded.latency)",
            [.. keys.Select((_, i) => "$k" + i), .. columns.Select((_, i) => "$v" + i),
            "$latency"]);
        _deleteEmpty = Prepare(connection, $"DELETE FROM {table} WHERE {match} AND requests <= 0",
            [.. keys.Select((_, i) => "$k" + i)]);
    }

    /// Adds `delta` times `sign` (+1 rows written, -1 rows purged) to the row with `key`.
    public void Merge(DbTransaction tx, object?[] key, SumsDelta delta, int sign)
    {
        var t = sign > 0 ? delta.Totals : ReportTotals.Zero.Subtract(delta.Totals);
        long[] all = [t.Requests, t.CacheHits, t.Errors, t.PromptTokens, t.CompletionTokens,
            t.TotalTokens, t.CachedTokens,
            t.ReasoningTokens, t.CostNanos, t.Priced, t.SavedTokens, t.SavedCostNanos,
            t.SavedPriced, t.CacheWrite5mTokens, t.CacheWrite1hTokens];
        var values = all.AsSpan(0, _columns);
        var parameters = _upsert.Parameters;
        for (var i = 0; i < _keys; i++) parameters[i].Value = key[i] ?? DBNull.Value;
        for (var i = 0; i < values.Length; i++) parameters[_keys + i].Value = values[i];
        parameters[_keys + values.Length].Value = (object?)LatencyBins.Encode(delta.Bins, sign)
            ?? DBNull.Value;
        _upsert.Transaction = tx;
        _upsert.ExecuteNonQuery();
        if (sign > 0) return;
        for (var i = 0; i < _keys; i++) _deleteEmpty.Parameters[i].Value = key[i] ?? DBNull.Value;
        _deleteEmpty.Transaction = tx;
        _deleteEmpty.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _deleteEmpty.Dispose();
    }

    private static DbCommand Prepare(DbConnection connection, string sql, string[] parameters)
    {
        var command = Sql.Command(connection, sql);
        foreach (var name in parameters) Sql.Add(command, name, null);
        return command;
    }
}
