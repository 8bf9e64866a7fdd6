using Menshen.Core.Caching;
using Menshen.Core.Errors;
using Menshen.Shell.Caching;
using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// The cache's shared side: a response stored by any instance is a hit on every other one. The
/// same query as SQLite's (AuditReader.CachedByKey), on a pooled connection. While the database
/// is away a lookup is a miss (traffic keeps flowing). A database that hangs rather than refuses
/// (a host gone, a partition) holds a lookup at most <see cref="Deadline"/>; after a failed or
/// overdue lookup none is tried for a while (1 s, doubling to 8 s while they keep failing), so
/// requests do not each wait for a timeout.
public sealed class PgCacheStore(PgDatabase database) : ICacheStore
{
    /// The longest a lookup holds a request; past it, the request goes upstream as on a miss.
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    // An overdue lookup left behind gives its connection back within this (Npgsql then cancels
    // the command, and breaks the connection if the server does not answer that either).
    private const int CommandTimeoutSeconds = 5;
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(8);
    private long _retryAt;
    private int _failures;

    public async Task<CacheEntry?> FindAsync(string cacheKey, DateTimeOffset? staleAtOrBefore,
        CancellationToken cancellationToken)
    {
        if (Environment.TickCount64 < Interlocked.Read(ref _retryAt)) return null;
        var since = staleAtOrBefore?.AddMilliseconds(1).ToUnixTimeMilliseconds() ?? long.MinValue;
        var lookup = LookupAsync(cacheKey, since, cancellationToken);
        try
        {
            var entry = await lookup.WaitAsync(Deadline, cancellationToken);
            Volatile.Write(ref _failures, 0);
            return entry;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException
            && !cancellationToken.IsCancellationRequested)
        {
            var failures = Interlocked.Increment(ref _failures);
            var pause = Backoff.Delay(TimeSpan.FromSeconds(1), failures, MaxBackOff);
            Interlocked.Exchange(ref _retryAt,
                Environment.TickCount64 + (long)pause.TotalMilliseconds);
            return null;
        }
        finally
        {
            // Left behind (overdue, or its client gone): its own failure is not ours to throw.
            if (!lookup.IsCompleted)
            {
                _ = lookup.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted
                    | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private async Task<CacheEntry?> LookupAsync(string cacheKey, long since,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, AuditReader.CachedByKey,
            ("$key", cacheKey), ("$since", since));
        command.CommandTimeout = CommandTimeoutSeconds;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? AuditReader.ReadCached(reader) : null;
    }
}
