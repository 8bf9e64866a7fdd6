using Menshen.Core.Caching;
using Menshen.Shell.Caching;

namespace Menshen.Shell.Storage;

/// The cache's persistent side: replayable answers are rows of the audit database.
public sealed class AuditCacheStore(AuditReader reader) : ICacheStore
{
    public Task<CacheEntry?> FindAsync(
        string cacheKey, DateTimeOffset? staleAtOrBefore, CancellationToken cancellationToken)
    {
        // The reader keeps rows created at or after its bound; stale means at or before ours.
        var notOlderThan = staleAtOrBefore?.AddMilliseconds(1);
        return reader.FindCachedResponseAsync(cacheKey, notOlderThan, cancellationToken);
    }
}
