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
                // Functions hold no data: the current rules replace an older release's.
                await ExecuteAsync(connection, tx, PgSchema.BodyContains, ct);
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

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(ct);
    }
}
