using Menshen.Core.Caching;

namespace Menshen.Core.Exchanges;

/// What the cache lookup did: its status (a hit is an <see cref="Answer.Replayed"/>), the key of
/// a cacheable request and the client's directive (which decides whether the answer is stored).
public sealed record CacheOutcome(CacheStatus Status, string? Key, CacheDirective Directive)
{
    public static readonly CacheOutcome NotCacheable = new(CacheStatus.None, null,
        CacheDirective.Normal);
}
