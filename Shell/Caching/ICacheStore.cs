using Menshen.Core.Caching;
namespace Menshen.Shell.Caching;

/// Where replayable answers persist (the audit database): the newest eligible entry of a key.
public interface ICacheStore
{
    Task<CacheEntry?> FindAsync(string cacheKey, DateTimeOffset? staleAtOrBefore,
        CancellationToken cancellationToken);
}

/// No persistence (no database): only answers remembered in memory are replayed.
public sealed class NoCacheStore : ICacheStore
{
    public Task<CacheEntry?> FindAsync(string cacheKey, DateTimeOffset? staleAtOrBefore,
        CancellationToken cancellationToken) =>
        Task.FromResult<CacheEntry?>(null);
}
