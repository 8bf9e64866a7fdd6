using Menshen.Core.Config;

namespace Menshen.Core.Caching;

public static class CacheEligibility
{
    /// Store only a complete 200 answer of at most `max_body_bytes` (0 = no limit) that the client
    /// stayed for, when the cache is on and the client did not say `no-store`. The reasons are
    /// checked in the order of CacheRejection, and the first that applies is returned.
    public static CacheVerdict Decide(CacheCandidate candidate, CacheConfig config)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(config);
        var reason = candidate switch
        {
            _ when !config.Enabled => CacheRejection.Disabled,
            { Directive: CacheDirective.NoStore } => CacheRejection.NoStore,
            { ClientDisconnected: true } => CacheRejection.ClientDisconnected,
            { Status: not 200 } => CacheRejection.Status,
            { Complete: false } => CacheRejection.Incomplete,
            _ when config.MaxBodyBytes > 0 && candidate.BodyBytes > config.MaxBodyBytes =>
                CacheRejection.TooLarge,
            _ => CacheRejection.None,
        };
        return reason == CacheRejection.None ? CacheVerdict.Store : new CacheVerdict(reason);
    }
}
