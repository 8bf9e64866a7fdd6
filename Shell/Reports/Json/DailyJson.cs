using System.Text.Json.Serialization;

namespace Menshen.Shell.Reports.Json;

/// One local day of `/__report/daily`: ai-menshen's fields, then `start` (unix ms), the cost
/// and the cache and error counts.
public sealed record DailyJson(
    string Date,
    long TotalTokens,
    long PromptTokens,
    long CompletionTokens,
    long RequestCount,
    long CachedTokens,
    long CacheWriteTokens,
    [property: JsonPropertyName("cache_write_5m_tokens")] long CacheWrite5mTokens,
    [property: JsonPropertyName("cache_write_1h_tokens")] long CacheWrite1hTokens,
    decimal? CostUsd,
    long Start,
    long CacheHits,
    long ErrorRequests);
