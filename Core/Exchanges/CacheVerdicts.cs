using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Config;

namespace Menshen.Core.Exchanges;

/// The cache fields of a composed record: hit and source for a replay; for a cacheable request
/// that went upstream, whether its answer may be stored and, if not, the first reason why not.
internal static class CacheVerdicts
{
    public static Exchange Apply(Exchange exchange, ExchangeParts parts, CacheConfig config)
    {
        if (parts.Answer is Answer.Replayed replayed)
        {
            return exchange with
            {
                Cache = CacheStatus.Hit,
                CacheSourceId = replayed.Entry.SourceId,
                CacheKey = parts.Cache.Key,
            };
        }
        var cached = exchange with { Cache = parts.Cache.Status, CacheKey = parts.Cache.Key };
        if (parts.Cache.Key is null || parts.Answer is Answer.Refused) return cached;
        var candidate = new CacheCandidate(exchange.Status, exchange.Complete,
            exchange.ResponseBytes, exchange.ClientClosed, parts.Cache.Directive);
        var reason = CacheEligibility.Decide(candidate, config).Reason;
        // A truncated capture is never stored: it is not the answer (TooLarge covers it, as the
        // capture holds at least max_body_bytes; this keeps the rule true whatever the caps).
        var whole = exchange.ResponseBody is { Truncated: false };
        var stored = reason == CacheRejection.None && whole;
        return cached with
        {
            CacheEligible = stored,
            CacheRejection = stored || reason != CacheRejection.None ? reason
            : CacheRejection.TooLarge,
        };
    }
}
