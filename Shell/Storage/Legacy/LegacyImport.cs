using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage.Legacy;

/// Migration 2: moves the rows of ai-menshen (Go) into our tables, then drops its tables, all
/// in the migration's one transaction. A file without those tables is left alone.
internal static class LegacyImport
{
    public static void Run(SqliteTransaction tx, ILogger logger)
    {
        var schema = LegacySchema.Read(tx);
        if (!schema.IsPresent) return;
        logger.LogInformation("audit database: importing the history of ai-menshen");
        var count = Import(tx, schema);
        foreach (var table in LegacySchema.Tables) Migrations.Execute(tx,
            $"DROP TABLE IF EXISTS {table}");
        // `/__report/log?id=req-…` finds imported rows by their old id; only they are indexed.
        Migrations.Execute(tx, "CREATE INDEX IF NOT EXISTS ix_requests_legacy_id "
            + "ON requests(legacy_id) WHERE legacy_id IS NOT NULL");
        logger.LogInformation(
            "audit database: imported {Count} ai-menshen requests; its tables were dropped", count);
    }

    private static long Import(SqliteTransaction tx, LegacySchema schema)
    {
        var referenced = LegacyQuery.CacheSourceIds(tx, schema);
        var newIds = new Dictionary<string, long>(StringComparer.Ordinal);
        using var inserter = new ExchangeInserter(tx.Connection!, RequestRow.V1Columns,
            BodyRow.V1Columns);
        long last = 0, count = 0;
        foreach (var row in LegacyQuery.Rows(tx, schema))
        {
            // Our ids are unix microseconds; ai-menshen's were random text. Rows come oldest
            // first, so created_at × 1000 (bumped past the previous id) keeps both order and time.
            last = Math.Max(row.CreatedAtMs * 1000, last + 1);
            if (referenced.Contains(row.Id)) newIds[row.Id] = last;
            long? source = row.CacheSourceId is { } s && newIds.TryGetValue(s, out var mapped)
                ? mapped : null;
            inserter.Insert(tx, LegacyExchange.Of(row, last, source), row.Id);
            count++;
        }
        return count;
    }
}
