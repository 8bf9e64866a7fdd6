using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// Brings the PostgreSQL schema to <see cref="PgSchema.Version"/> in one transaction that
/// holds an advisory lock: instances starting together wait for the first, then find the
/// schema current. The version lives in `menshen_schema`.
internal static class PgMigrations
{
    public static async Task RunAsync(NpgsqlConnection connection, ILogger logger,
        CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, tx,
            $"SELECT pg_advisory_xact_lock({PgLocks.Migrations})", ct);
        await ExecuteAsync(connection, tx,
            "CREATE TABLE IF NOT EXISTS menshen_schema (version integer NOT NULL)", ct);
        await using (var read = new NpgsqlCommand(
            "SELECT COALESCE(MAX(version), 0) FROM menshen_schema", connection, tx))
        {
            var found = Convert.ToInt32(await read.ExecuteScalarAsync(ct),
                System.Globalization.CultureInfo.InvariantCulture);
            if (found > PgSchema.Version)
                throw new InvalidOperationException(
                    $"audit database schema version {found} is newer than this ai-menshen " +
                    $"supports ({PgSchema.Version})");
            if (found == PgSchema.Version)
            {
                await ReplaceSearchIfOlderAsync(connection, tx, logger, ct);
                await tx.CommitAsync(ct);
                return;
            }
            if (found >= FirstUpgradable)
            {
                await UpgradeAsync(connection, tx, found, logger, ct);
                await ReplaceSearchIfOlderAsync(connection, tx, logger, ct);
                await tx.CommitAsync(ct);
                return;
            }
        }
        logger.LogInformation("audit database (postgres): creating schema version {Version}",
            PgSchema.Version);
        await ExecuteAsync(connection, tx, PgSchema.Tables, ct);
        await ExecuteAsync(connection, tx, PgSchema.LatencyAdd, ct);
        await ExecuteAsync(connection, tx, PgSchema.BodyContains, ct);
        await ExecuteAsync(connection, tx,
            $"INSERT INTO menshen_schema (version) VALUES ({PgSchema.Version})", ct);
        await tx.CommitAsync(ct);
    }

    // Versions whose rule for the sums changed (9: a 426 is no error; 10: latency without the
    // gateway's own refusals; 11: the requests no provider was asked counted): the rows are as
    // they were, the sums are recomputed once.
    private static readonly int[] RebuildsSums = [9, 10, 11];

    // The first version released with PostgreSQL support: later ones are upgraded step by step.
    private const int FirstUpgradable = 6;

    private static async Task UpgradeAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        int found, ILogger logger, CancellationToken ct)
    {
        // Every table first, in the order an instance's writer takes them (its rows, then the
        // sums): an older instance still writing held `requests` and waited for
        // `report_quarters` while the migration held that and waited for `requests`, and the
        // new instance died of "deadlock detected" (helper-68, a rolling upgrade).
        await ExecuteAsync(connection, tx, "LOCK TABLE requests, bodies, report_quarters, "
            + "report_groups, report_group_days IN ACCESS EXCLUSIVE MODE", ct);
        for (var version = found + 1; version <= PgSchema.Version; version++)
        {
            logger.LogInformation("audit database (postgres): migration {Version}", version);
            if (PgSchema.Upgrades[version].Length > 0)
                await ExecuteAsync(connection, tx, PgSchema.Upgrades[version], ct);
            await ExecuteAsync(connection, tx,
                $"INSERT INTO menshen_schema (version) VALUES ({version})", ct);
        }
        // Synchronous Npgsql calls: on the pool. After the awaits above this may be a socket
        // thread (Hosting/InlineScheduling), and a synchronous call there waits for its own
        // reply for good, holding the migration lock (helper-49: every gateway hung).
        if (RebuildsSums.Any(v => v > found))
            await Task.Run(() => ReportSums.Rebuild(tx), ct);
    }

    // The text search's function holds no data: an older release's rules are replaced. Only its
    // owner may replace it; a gateway role that does not own it keeps the older rules and starts.
    private static async Task ReplaceSearchIfOlderAsync(NpgsqlConnection connection,
        NpgsqlTransaction tx, ILogger logger, CancellationToken ct)
    {
        await using (var read = new NpgsqlCommand(
            "SELECT COUNT(*) FROM pg_proc WHERE proname = 'body_contains' " +
            "AND strpos(prosrc, @rules) > 0", connection, tx))
        {
            read.Parameters.AddWithValue("rules", PgSchema.BodyContainsRules);
            if (Convert.ToInt64(await read.ExecuteScalarAsync(ct),
                System.Globalization.CultureInfo.InvariantCulture) > 0) return;
        }
        await tx.SaveAsync("search", ct);
        try
        {
            await ExecuteAsync(connection, tx, PgSchema.BodyContains, ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            await tx.RollbackAsync("search", ct);
            logger.LogWarning("audit database (postgres): this role does not own body_contains, " +
                "so the report's text search keeps an older release's rules");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        string sql, CancellationToken ct)
    {
        // No command timeout: a step may build indexes over every row of a big shared database,
        // and one cut off at Npgsql's 30 s would roll back and fail every start the same way.
        await using var command = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
