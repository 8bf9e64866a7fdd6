using System.Data;
using System.Data.Common;

namespace Menshen.Shell.Storage.Postgres;

/// The report API's reads from PostgreSQL: every instance answers from the shared rows and
/// sums, in a REPEATABLE READ snapshot per report, with the same SQL and code as SQLite's.
public sealed class PgReportStore(PgDatabase database) : IReportStore
{
    public DbConnection OpenConnection() => database.OpenConnection();

    public DbTransaction BeginSnapshot(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.BeginTransaction(IsolationLevel.RepeatableRead);
    }

    public Task<StoredLog?> GetLogAsync(long id, CancellationToken cancellationToken) =>
        ReadAsync(AuditReader.LogById, ("$id", id), cancellationToken);

    public Task<StoredLog?> GetLogByLegacyIdAsync(string legacyId,
        CancellationToken cancellationToken) =>
        ReadAsync(AuditReader.LogByLegacyId, ("$legacy", legacyId), cancellationToken);

    private async Task<StoredLog?> ReadAsync(string sql, (string, object?) parameter,
        CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var command = Sql.Command(connection, sql, parameter);
        await using var reader = await command.ExecuteReaderAsync(ct);
        // Decoding the stored bodies is the report's CPU: on the pool (ReportQueryGate), not on
        // the socket thread that delivered the row (Hosting/InlineScheduling).
        return await reader.ReadAsync(ct).ConfigureAwait(ConfigureAwaitOptions.ForceYielding)
            ? StoredLogReader.Read(reader) : null;
    }
}
