using Menshen.Shell.Runtime;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// Affinity's persistent side: response ids are a column of the audit (`requests.response_id`).
/// A database that cannot answer makes the id unknown, as SPEC §13 routes an unknown id, rather
/// than failing the request.
public sealed class AuditResponseOrigins(AuditReader reader) : IResponseOriginStore
{
    public async Task<string?> FindProviderAsync(
        string responseId, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.FindResponseProviderAsync(responseId, cancellationToken);
        }
        catch (SqliteException)
        {
            return null;
        }
    }
}
