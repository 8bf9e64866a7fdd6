using Menshen.Shell.Runtime;
using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// Affinity's shared side on PostgreSQL: a response answered through any instance sends its
/// follow-up to the same provider from every instance. The same query as SQLite's; a database
/// that cannot answer makes the id unknown (routed as if absent), as on SQLite.
public sealed class PgResponseOrigins(PgDatabase database) : IResponseOriginStore
{
    public async Task<string?> FindProviderAsync(
        string responseId, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var command = Sql.Command(connection, AuditReader.ProviderByResponseId,
                ("$key", PgText.Storable(responseId)), ("$since", long.MinValue));
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException
            or OperationCanceledException)
        {
            return null;
        }
    }
}
