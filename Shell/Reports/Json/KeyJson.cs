using System.Text.Json.Serialization;

namespace Menshen.Shell.Reports.Json;

/// One client key of `/__report/keys`, by name (null: requests without a named key). Never a token.
public sealed record KeyJson(
    string? Key,
    long RequestCount,
    long CacheHits,
    long PromptTokens,
    long CompletionTokens,
    long TotalTokens,
    long CachedTokens,
    long CacheWriteTokens,
    [property: JsonPropertyName("cache_write_5m_tokens")] long CacheWrite5mTokens,
    [property: JsonPropertyName("cache_write_1h_tokens")] long CacheWrite1hTokens,
    decimal? CostUsd,
    long ErrorRequests,
    long ReasoningTokens,
    long SavedTokens,
    decimal? SavedCostUsd,
    double P95Ms);
