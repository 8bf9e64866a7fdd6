using Menshen.Shell.Caching;

namespace Menshen.Shell.Storage;

/// The cache's persistent side: replayable answers are rows of the audit database.
public sealed class AuditCacheStore(AuditReader reader) : ICacheStore
{
    public async Task<CacheEntry?> FindAsync(
        string cacheKey, DateTimeOffset? staleAtOrBefore, CancellationToken cancellationToken)
    {
        // The reader keeps rows created at or after its bound; stale means at or before ours.
        var notOlderThan = staleAtOrBefore?.AddMilliseconds(1);
        var found = await reader.FindCachedResponseAsync(cacheKey, notOlderThan, cancellationToken);
        return found is null
            ? null
            : new CacheEntry(found.Id, found.Status, found.ContentType, found.Body, found.Usage, found.CostUsd,
                found.CreatedAt);
    }
}
