using Menshen.Core.Routing;
using Menshen.Shell.Runtime;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// Affinity's persistent side: response ids are a column of the audit (`requests.response_id`).
/// A database that cannot answer makes the id unknown, as SPEC §13 routes an unknown id, rather
/// than failing the request (a client that left meanwhile ends as 499 before any attempt).
public sealed class AuditResponseOrigins(AuditReader reader) : IResponseOriginStore
{
    // One instance writes this database: an id it has not stored is unknown, with no wait.
    public async Task<ResponseOrigin?> FindOriginAsync(
        string responseId, bool mayWait, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.FindResponseOriginAsync(responseId, cancellationToken);
        }
        catch (Exception ex) when (ex is SqliteException or OperationCanceledException)
        {
            return null;
        }
    }
}
