using Menshen.Core.Exchanges;

namespace Menshen.Shell.Caching;

/// What the cache lookup returned: its outcome for the record, the session to finish after the
/// answer (null when nothing will be stored), and the answer when the cache already gave one.
public sealed record CacheLookup(CacheOutcome Outcome, CacheSession? Session, Answer? Answer = null)
{
    public static readonly CacheLookup NotCacheable = new(CacheOutcome.NotCacheable, null);
}

/// One request's cache state between lookup and store: its key, and whether identical requests
/// wait for it.
public sealed record CacheSession(string Key, bool Leading);
