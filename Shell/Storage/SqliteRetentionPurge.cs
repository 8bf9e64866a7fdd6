using Menshen.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// Retention on the SQLite file: batches of the oldest rows leave the report sums and the table
/// together, then the freed pages go back to the file system (incremental vacuum). Each step
/// takes the write turn from the audit writer (WriteTurn) and hands it back; steps are sized and
/// spaced by PurgePacing, so a large backlog goes out at a share of one core.
public sealed class SqliteRetentionPurge(AuditDatabase database) : IRetentionPurge
{
    private const string OldestBatch =
        "SELECT id FROM requests WHERE created_at < $cutoff ORDER BY created_at LIMIT $limit";
    private const string DeleteBatch =
        "DELETE FROM requests WHERE id IN (SELECT value FROM json_each($ids))";

    public async Task<long> PurgeAsync(long cutoffMs, RetentionOptions options,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        using var connection = database.OpenConnection();
        using var sums = new ReportSums(connection);
        var pacing = options.Rows;
        var batch = pacing.First;
        long total = 0;
        while (true)
        {
            int deleted;
            await database.WriteTurn.TakeAsync(Timeout.InfiniteTimeSpan, cancellationToken);
            var started = clock.GetTimestamp();
            try
            {
                deleted = DeleteBatchOlderThan(connection, sums, cutoffMs, batch);
            }
            finally
            {
                database.WriteTurn.Release();
            }
            total += deleted;
            if (!Core.Audit.Retention.MoreToPurge(deleted, batch)) break;
            var next = pacing.Next(batch, clock.GetElapsedTime(started));
            batch = next.Size;
            await Task.Delay(next.Pause, clock, cancellationToken);
        }
        if (total > 0) await VacuumAsync(connection, options.Pages, clock, cancellationToken);
        return total;
    }

    /// One short transaction: the oldest rows leave the report sums and the table together.
    private static int DeleteBatchOlderThan(SqliteConnection connection, ReportSums sums,
        long cutoffMs, int batchSize)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        var ids = new List<long>(batchSize);
        using (var select = Sql.Command(tx, OldestBatch, ("$cutoff", cutoffMs),
            ("$limit", (long)batchSize)))
        using (var reader = select.ExecuteReader())
            while (reader.Read()) ids.Add(reader.GetInt64(0));
        if (ids.Count == 0) return 0;
        sums.Subtract(tx, ids);
        using (var delete = Sql.Command(tx, DeleteBatch,
            ("$ids", ReportRows.IdList(ids)))) delete.ExecuteNonQuery();
        tx.Commit();
        return ids.Count;
    }

    /// `incremental_vacuum(N)` frees one page per result row, so every row is read; steps stop
    /// when nothing is free any more or a step freed nothing.
    private async Task VacuumAsync(SqliteConnection connection, PurgePacing pacing,
        TimeProvider clock, CancellationToken ct)
    {
        var free = FreePages(connection);
        var pages = pacing.First;
        while (free > 0 && !ct.IsCancellationRequested)
        {
            try
            {
                await database.WriteTurn.TakeAsync(Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException)
            {
                return; // a stop: the space comes back at the next run
            }
            var started = clock.GetTimestamp();
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"PRAGMA incremental_vacuum({pages})";
                using var reader = command.ExecuteReader();
                while (reader.Read()) { }
            }
            finally
            {
                database.WriteTurn.Release();
            }
            var left = FreePages(connection);
            if (left >= free) return;
            free = left;
            var next = pacing.Next(pages, clock.GetElapsedTime(started));
            pages = next.Size;
            if (free == 0) return;
            try
            {
                await Task.Delay(next.Pause, clock, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static long FreePages(SqliteConnection connection) =>
        Convert.ToInt64(AuditDatabase.Pragma(connection, "PRAGMA freelist_count"),
        System.Globalization.CultureInfo.InvariantCulture);
}
