using System.Text.Json.Serialization;

namespace Menshen.Shell.Reports.Json;

/// One model of `/__report/models` (null: requests without a model): ai-menshen's fields, then
/// the new ones.
public sealed record ModelJson(
    string? Model,
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
    decimal? SavedCostUsd);
