using Menshen.Core.Audit;
using Menshen.Core.Usage;

namespace Menshen.Core.Caching;

/// A stored answer the cache may replay, with what it cost the first time (the saving on a hit).
/// The one cache-entry type: the memory cache and the audit store both hold these.
public sealed record CacheEntry(
    long SourceId,
    int Status,
    string? ContentType,
    ReadOnlyMemory<byte> Body,
    TokenUsage? Usage,
    decimal? CostUsd,
    DateTimeOffset StoredAt)
{
    /// The entry an exchange leaves for the cache, or null when it may not be replayed
    /// (<see cref="ReplayEligibility"/>, the one rule for both the memory cache and the store).
    public static CacheEntry? From(Exchange exchange, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return ReplayEligibility.Of(exchange)
            ? new CacheEntry(exchange.Id, exchange.Status, exchange.ResponseContentType,
                exchange.ResponseBody!.Bytes, exchange.Usage, exchange.CostUsd, now)
            : null;
    }
}
