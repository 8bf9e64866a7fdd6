using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// The report API's reads from the SQLite file: WAL lets them run beside the writer.
public sealed class SqliteReportStore(AuditDatabase database) : IReportStore
{
    public DbConnection OpenConnection() => database.OpenConnection();

    public DbTransaction BeginSnapshot(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: true);

    // A reader per call: it holds nothing open until its cache query runs, which this never does.
    public async Task<StoredLog?> GetLogAsync(long id, CancellationToken cancellationToken)
    {
        using var reader = new AuditReader(database);
        return await reader.GetLogAsync(id, cancellationToken);
    }

    public async Task<StoredLog?> GetLogByLegacyIdAsync(string legacyId,
        CancellationToken cancellationToken)
    {
        using var reader = new AuditReader(database);
        return await reader.GetLogByLegacyIdAsync(legacyId, cancellationToken);
    }
}
