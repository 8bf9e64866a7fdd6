namespace Menshen.Shell.Reports.Json;

/// One bucket of `/__report/series`, starting at `Start` (unix ms).
public sealed record SeriesJson(
    long Start,
    long RequestCount,
    long ErrorRequests,
    long CacheHits,
    long PromptTokens,
    long CompletionTokens,
    long TotalTokens,
    decimal? CostUsd);
