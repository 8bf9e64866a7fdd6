using Menshen.Core.Caching;
using Menshen.Shell.Caching;
using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// The cache's shared side: a response stored by any instance is a hit on every other one. The
/// same query as SQLite's (AuditReader.CachedByKey), on a pooled connection. While the database
/// is away a lookup is a miss (traffic keeps flowing), and for a second after a failed lookup
/// none is tried, so requests do not each wait for a connect timeout.
public sealed class PgCacheStore(PgDatabase database) : ICacheStore
{
    private long _retryAt;

    public async Task<CacheEntry?> FindAsync(string cacheKey, DateTimeOffset? staleAtOrBefore,
        CancellationToken cancellationToken)
    {
        if (Environment.TickCount64 < Interlocked.Read(ref _retryAt)) return null;
        var since = staleAtOrBefore?.AddMilliseconds(1).ToUnixTimeMilliseconds() ?? long.MinValue;
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var command = Sql.Command(connection, AuditReader.CachedByKey,
                ("$key", cacheKey), ("$since", since));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? AuditReader.ReadCached(reader)
                : null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException
            && !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Exchange(ref _retryAt, Environment.TickCount64 + 1000);
            return null;
        }
    }
}
