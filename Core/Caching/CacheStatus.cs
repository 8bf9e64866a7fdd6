namespace Menshen.Core.Caching;

/// What the cache did for a request. Values are stored; keep them stable.
public enum CacheStatus
{
    /// Not cacheable (cache off, passthrough, error before lookup).
    None = 0,
    Miss = 1,
    Hit = 2,

    /// The client asked `Cache-Control: no-cache` or `no-store`.
    Bypass = 3,
}
