namespace Menshen.Shell.Reports.Json;

/// `/__report/summary`: ai-menshen's fields first, then the new ones.
public sealed record SummaryJson(
    long TotalRequests,
    long CacheHits,
    long TotalTokens,
    long PromptTokens,
    long CompletionTokens,
    long CachedTokens,
    long ErrorRequests,
    long ReasoningTokens,
    decimal? CostUsd,
    long SavedTokens,
    decimal? SavedCostUsd,
    double P50Ms,
    double P95Ms);
