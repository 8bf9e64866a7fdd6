using Menshen.Core.Reports;
using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// Retention on the shared database: one instance purges at a time (a session advisory lock;
/// the others skip the run), in short transactions that delete the oldest rows and subtract
/// what the DELETE returned from the report sums, paced by PurgePacing (the database server
/// shares the machine too). PostgreSQL's autovacuum reclaims the space.
public sealed class PgRetentionPurge(PgDatabase database) : IRetentionPurge
{
    private static readonly string DeleteBatch =
        "DELETE FROM requests AS r WHERE r.id IN (SELECT id FROM requests " +
        "WHERE created_at < $cutoff ORDER BY created_at LIMIT $limit) " +
        $"RETURNING {ReportRows.Columns}";

    // Synchronous Npgsql calls only, like the SQLite purge, and always on the pool: on a socket
    // thread (inline scheduling) they would wait for that same thread (Hosting/InlineScheduling).
    // Hence the hop before the first call and after every pause, a cancelled one at shutdown
    // included (its `finally` unlocks synchronously).
    public async Task<long> PurgeAsync(long cutoffMs, RetentionOptions options,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        using var connection = database.OpenConnection();
        if (!TryLock(connection)) return 0;
        try
        {
            using var sums = new ReportSums(connection);
            var pacing = options.Rows;
            var batch = pacing.First;
            long total = 0;
            while (true)
            {
                var started = clock.GetTimestamp();
                var deleted = DeleteBatchOlderThan(connection, sums, cutoffMs, batch);
                total += deleted;
                if (!Core.Audit.Retention.MoreToPurge(deleted, batch)) return total;
                var next = pacing.Next(batch, clock.GetElapsedTime(started));
                batch = next.Size;
                await Task.Delay(next.Pause, clock, cancellationToken)
                    .ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            }
        }
        finally
        {
            // A pause cancelled at shutdown resumes on the thread that cancelled it (ForceYielding
            // above changes only an await on a task already complete): to the pool first.
            await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            using var unlock = new NpgsqlCommand(
                $"SELECT pg_advisory_unlock({PgLocks.Retention})", connection);
            unlock.ExecuteNonQuery();
        }
    }

    private static bool TryLock(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(
            $"SELECT pg_try_advisory_lock({PgLocks.Retention})", connection);
        return command.ExecuteScalar() is true;
    }

    private static int DeleteBatchOlderThan(NpgsqlConnection connection, ReportSums sums,
        long cutoffMs, int batchSize)
    {
        using var tx = connection.BeginTransaction();
        List<ReportRow> rows;
        using (var delete = Sql.Command(tx, DeleteBatch, ("$cutoff", cutoffMs),
            ("$limit", (long)batchSize))) rows = ReportRows.ReadAll(delete);
        sums.Subtract(tx, rows);
        tx.Commit();
        return rows.Count;
    }
}
