using System.Text.Json.Serialization;

namespace Menshen.Shell.Reports.Json;

/// One provider of `/__report/providers` (null: answered without one, e.g. cache hits).
/// `FailedAttempts`: its tries that failed and were passed on to another (FailedAttempts); a
/// provider that failed over every time has these and no request of its own.
public sealed record ProviderJson(
    string? Provider,
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
    double P95Ms,
    long FailedAttempts);
