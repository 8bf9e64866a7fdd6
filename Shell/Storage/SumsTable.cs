using Menshen.Core.Reports;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// One running-sum table seen as rows keyed by `keys`: adds a delta to the row with that key in
/// one upsert (histograms merged by the connection's `latency_add`), and after a subtraction
/// deletes the row if no request is left in it. Commands are made once per connection.
internal sealed class SumsTable : IDisposable
{
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _deleteEmpty;
    private readonly int _keys;
    private readonly int _columns;

    public SumsTable(SqliteConnection connection, string[] columns, string table, string[] keys,
        string conflict, string match)
    {
        _keys = keys.Length;
        _columns = columns.Length;
        var values = string.Join(", ", columns.Select((_, i) => "$v" + i));
        var add = string.Join(", ", columns.Select(c => $"{c} = {c} + excluded.{c}"));
        _upsert = Prepare(connection,
            $"INSERT INTO {table} ({string.Join(", ", keys)}, {string.Join(", ", columns)}, " +
            $"latency) "
            + $"VALUES ({string.Join(", ", keys.Select((_, i) => "$k" + i))}, {values}, $latency) "
            + $"ON CONFLICT ({conflict}) DO UPDATE SET {add}, latency = latency_add(latency, " +
                $"excluded.latency)",
            [.. keys.Select((_, i) => "$k" + i), .. columns.Select((_, i) => "$v" + i),
            "$latency"]);
        _deleteEmpty = Prepare(connection, $"DELETE FROM {table} WHERE {match} AND requests <= 0",
            [.. keys.Select((_, i) => "$k" + i)]);
    }

    /// Adds `delta` times `sign` (+1 rows written, -1 rows purged) to the row with `key`.
    public void Merge(SqliteTransaction tx, object?[] key, SumsDelta delta, int sign)
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

    private static SqliteCommand Prepare(SqliteConnection connection, string sql,
        string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter(name, null));
        return command;
    }
}
