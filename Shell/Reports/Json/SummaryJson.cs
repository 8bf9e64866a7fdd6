using System.Text.Json.Serialization;

namespace Menshen.Shell.Reports.Json;

/// `/__report/summary`: ai-menshen's fields first, then the new ones.
public sealed record SummaryJson(
    long TotalRequests,
    long CacheHits,
    long TotalTokens,
    long PromptTokens,
    long CompletionTokens,
    long CachedTokens,
    long CacheWriteTokens,
    [property: JsonPropertyName("cache_write_5m_tokens")] long CacheWrite5mTokens,
    [property: JsonPropertyName("cache_write_1h_tokens")] long CacheWrite1hTokens,
    long ErrorRequests,
    long ReasoningTokens,
    decimal? CostUsd,
    long SavedTokens,
    decimal? SavedCostUsd,
    double P50Ms,
    double P95Ms);
