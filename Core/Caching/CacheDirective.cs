namespace Menshen.Core.Caching;

/// What the client's `Cache-Control` asks of the gateway cache.
public enum CacheDirective
{
    /// Look up, and store on a miss.
    Normal,

    /// `no-cache` (or `max-age=0`): skip the lookup, still store the fresh answer.
    NoCache,

    /// `no-store`: neither look up nor store.
    NoStore,
}
