using System.Collections.Concurrent;
using Menshen.Core.Reports;
using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// Merges a batch's running-sum deltas on PostgreSQL in one round trip: per table one upsert
/// over arrays (keys, sums, histograms) taken in array order, so the rows are locked in the key
/// order of <see cref="SumsChange"/>; after a subtraction, one DELETE of the rows left empty.
/// Key columns are bigint but for the dimension's name (text; NULL names are equal under the
/// tables' UNIQUE NULLS NOT DISTINCT).
internal static class PgSums
{
    // The statements' texts, made once per table: the same text every batch is parsed and
    // planned once per connection (the batch is prepared).
    private static readonly ConcurrentDictionary<(string Table, int Sums), (string Upsert,
        string Delete)> Texts = new();

    public static void Merge(NpgsqlTransaction tx, List<SumsChange> changes, int sign)
    {
        using var batch = new NpgsqlBatch(tx.Connection, tx);
        foreach (var (table, entries) in changes)
        {
            if (entries.Count == 0) continue;
            var (upsert, delete) = Texts.GetOrAdd((table.Name, table.Columns.Length),
                _ => (UpsertText(table), DeleteText(table)));
            batch.BatchCommands.Add(Upsert(upsert, table, entries, sign));
            if (sign < 0) batch.BatchCommands.Add(Keyed(new NpgsqlBatchCommand(delete), table,
                entries));
        }
        if (batch.BatchCommands.Count == 0) return;
        batch.Prepare();
        batch.ExecuteNonQuery();
    }

    private static string UpsertText(SumsTable table)
    {
        var (keys, columns) = (table.Keys, table.Columns);
        string[] names = [.. keys, .. columns, "latency"];
        return $"INSERT INTO {table.Name} AS t ({string.Join(", ", names)}) " +
            $"SELECT {string.Join(", ", names)} FROM {Unnest(keys, columns.Length, true)} " +
            $"WITH ORDINALITY AS d({string.Join(", ", names)}, n) ORDER BY n " +
            $"ON CONFLICT ({string.Join(", ", keys)}) DO UPDATE SET " +
            string.Join(", ", columns.Select(c => $"{c} = t.{c} + excluded.{c}")) +
            ", latency = latency_add(t.latency, excluded.latency)";
    }

    private static string DeleteText(SumsTable table) =>
        $"DELETE FROM {table.Name} AS t USING {Unnest(table.Keys, 0, false)} " +
        $"AS d({string.Join(", ", table.Keys)}) WHERE " +
        string.Join(" AND ", table.Keys.Select(k => $"t.{k} IS NOT DISTINCT FROM d.{k}")) +
        " AND t.requests <= 0";

    private static NpgsqlBatchCommand Upsert(string text, SumsTable table,
        List<SumsEntry> entries, int sign)
    {
        var command = Keyed(new NpgsqlBatchCommand(text), table, entries);
        var sums = entries.Select(e => table.Values(sign > 0 ? e.Delta.Totals
            : ReportTotals.Zero.Subtract(e.Delta.Totals))).ToArray();
        for (var c = 0; c < table.Columns.Length; c++)
            command.Parameters.Add(new NpgsqlParameter<long[]>
            {
                TypedValue = [.. sums.Select(s => s[c])],
            });
        command.Parameters.Add(new NpgsqlParameter<byte[]?[]>
        {
            TypedValue = [.. entries.Select(e => LatencyBins.Encode(e.Delta.Bins, sign))],
        });
        return command;
    }

    // unnest($1::bigint[], ..., $k::text[] for a name, sums as bigint[], latency as bytea[]).
    private static string Unnest(string[] keys, int sums, bool latency)
    {
        var types = keys.Select(k => k == "name" ? "text[]" : "bigint[]")
            .Concat(Enumerable.Repeat("bigint[]", sums))
            .Concat(latency ? ["bytea[]"] : []);
        return $"unnest({string.Join(", ", types.Select((t, i) => $"${i + 1}::{t}"))})";
    }

    private static NpgsqlBatchCommand Keyed(NpgsqlBatchCommand command, SumsTable table,
        List<SumsEntry> entries)
    {
        for (var k = 0; k < table.Keys.Length; k++)
        {
            var at = k;
            command.Parameters.Add(table.Keys[k] == "name"
                ? new NpgsqlParameter<string?[]>
                {
                    TypedValue = [.. entries.Select(e => (string?)e.Key[at])],
                }
                : new NpgsqlParameter<long[]>
                {
                    TypedValue = [.. entries.Select(e => (long)e.Key[at]!)],
                });
        }
        return command;
    }
}
