using System.Data.Common;

namespace Menshen.Shell.Storage;

/// What the report API reads, on either backend: connections with a snapshot transaction for
/// the sums and rows (the report SQL is shared, Sql adapts it), and single rows by id.
public interface IReportStore
{
    DbConnection OpenConnection();

    /// A read transaction in which every query of one report sees the same snapshot.
    DbTransaction BeginSnapshot(DbConnection connection);

    Task<StoredLog?> GetLogAsync(long id, CancellationToken cancellationToken);

    Task<StoredLog?> GetLogByLegacyIdAsync(string legacyId, CancellationToken cancellationToken);
}
