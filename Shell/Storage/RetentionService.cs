using Menshen.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// Purges requests older than the retention cutoff (their bodies go with them, by cascade)
/// shortly after start and then every interval, in small batches, and gives the freed pages
/// back with incremental vacuum. The retention days are read at each run, so a reload applies.
public sealed partial class RetentionService(
    AuditDatabase database,
    Func<int> retentionDays,
    RetentionOptions options,
    TimeProvider clock,
    ILogger<RetentionService> logger) : BackgroundService
{
    private const string OldestBatch =
        "SELECT id FROM requests WHERE created_at < $cutoff ORDER BY created_at LIMIT $limit";
    private const string DeleteBatch =
        "DELETE FROM requests WHERE id IN (SELECT value FROM json_each($ids))";

    /// One purge now: returns how many requests were deleted (0 when retention is off).
    public async Task<long> PurgeOnceAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(retentionDays);
        if (Retention.Cutoff(clock.GetUtcNow(), retentionDays()) is not { } cutoff) return 0;
        using var connection = database.OpenConnection();
        var deleted = await DeleteOlderThanAsync(connection, cutoff.ToUnixTimeMilliseconds(),
            cancellationToken);
        if (deleted > 0)
        {
            Vacuum(connection, cancellationToken);
            LogPurged(logger, deleted, cutoff);
        }
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.FirstRun, clock, stoppingToken);
            using var timer = new PeriodicTimer(options.Interval, clock);
            do
            {
                await PurgeSafelyAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task PurgeSafelyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PurgeOnceAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    private async Task<long> DeleteOlderThanAsync(SqliteConnection connection, long cutoffMs,
        CancellationToken ct)
    {
        using var sums = new ReportSums(connection);
        long total = 0;
        while (true)
        {
            var deleted = DeleteBatchOlderThan(connection, sums, cutoffMs);
            total += deleted;
            if (!Retention.MoreToPurge(deleted, options.BatchSize)) return total;
            await Task.Delay(options.PauseBetweenBatches, clock, ct);
        }
    }

    /// One short transaction: the oldest rows leave the report sums and the table together.
    private int DeleteBatchOlderThan(SqliteConnection connection, ReportSums sums, long cutoffMs)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        var ids = new List<long>(options.BatchSize);
        using (var select = Command(tx, OldestBatch, ("$cutoff", cutoffMs),
            ("$limit", options.BatchSize)))
        using (var reader = select.ExecuteReader())
            while (reader.Read()) ids.Add(reader.GetInt64(0));
        if (ids.Count == 0) return 0;
        sums.Subtract(tx, ids);
        using (var delete = Command(tx, DeleteBatch,
            ("$ids", ReportRows.IdList(ids)))) delete.ExecuteNonQuery();
        tx.Commit();
        return ids.Count;
    }

    private static SqliteCommand Command(SqliteTransaction tx, string sql,
        params (string Name, object Value)[] parameters)
    {
        var command = ReportRows.Command(tx, sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    /// `incremental_vacuum(N)` frees one page per result row, so every row is read; steps stop
    /// when nothing is free any more or a step freed nothing.
    private void Vacuum(SqliteConnection connection, CancellationToken ct)
    {
        var free = FreePages(connection);
        while (free > 0 && !ct.IsCancellationRequested)
        {
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"PRAGMA incremental_vacuum({options.VacuumPagesPerStep})";
                using var reader = command.ExecuteReader();
                while (reader.Read()) { }
            }
            var left = FreePages(connection);
            if (left >= free) return;
            free = left;
        }
    }

    private static long FreePages(SqliteConnection connection) =>
        Convert.ToInt64(AuditDatabase.Pragma(connection, "PRAGMA freelist_count"),
        System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "retention: purged {Count} requests older than {Cutoff:u}")]
    private static partial void LogPurged(ILogger logger, long count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "retention: purge failed; retrying at the next run")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
