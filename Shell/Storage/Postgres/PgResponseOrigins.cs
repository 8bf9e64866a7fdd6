using Menshen.Core.Routing;
using Menshen.Shell.Runtime;
using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// Affinity's shared side on PostgreSQL: a response answered through any instance sends its
/// follow-up to the same provider from every instance. The same query as SQLite's, asked again
/// after each of ResponseAffinity.SharedStoreWaits while no row holds the id (another instance
/// may not have committed it yet) and the answer may matter (`mayWait`); a database that cannot
/// answer makes the id unknown (routed as if absent), as on SQLite.
public sealed class PgResponseOrigins(PgDatabase database) : IResponseOriginStore
{
    public async Task<ResponseOrigin?> FindOriginAsync(
        string responseId, bool mayWait, CancellationToken cancellationToken)
    {
        var (answered, origin) = await LookUpAsync(responseId, cancellationToken);
        foreach (var wait in ResponseAffinity.SharedStoreWaits)
        {
            if (origin is not null || !answered || !mayWait) break;
            try
            {
                await Task.Delay(wait, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return null; // the client left
            }
            (answered, origin) = await LookUpAsync(responseId, cancellationToken);
        }
        return origin;
    }

    // (true, origin or null) when the database answered; (false, null) when it could not.
    private async Task<(bool Answered, ResponseOrigin? Origin)> LookUpAsync(
        string responseId, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var command = Sql.Command(connection, AuditReader.OriginByResponseId,
                ("$key", PgText.Storable(responseId)), ("$since", long.MinValue));
            await using var row = await command.ExecuteReaderAsync(cancellationToken);
            return (true,
                await row.ReadAsync(cancellationToken) ? AuditReader.ReadOrigin(row) : null);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException
            or OperationCanceledException)
        {
            return (false, null);
        }
    }
}
