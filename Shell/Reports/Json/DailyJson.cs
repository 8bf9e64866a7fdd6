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
    decimal? CostUsd,
    long Start,
    long CacheHits,
    long ErrorRequests);
