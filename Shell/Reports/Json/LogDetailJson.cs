using System.Text.Json.Serialization;
using Menshen.Shell.Storage;

namespace Menshen.Shell.Reports.Json;

/// `/__report/log?id=`: the logs fields, the bodies as text (null when not recorded or binary;
/// at most 1 MiB of each, `ShownBody`; `*_lossy` when bad bytes of a declared text show as
/// U+FFFD), the failover chain, timing, usage (null tokens: not
/// read) and cost (null: no price).
public sealed record LogDetailJson(
    long Id,
    long CreatedAt,
    string? Model,
    string Path,
    int StatusCode,
    double DurationMs,
    long? TotalTokens,
    string? RequestPreview,
    string? ResponsePreview,
    string? Provider,
    string? Key,
    bool Stream,
    bool Cached,
    string Method,
    string Endpoint,
    decimal? CostUsd,
    string? RequestBody,
    string? ResponseBody,
    AttemptJson[] Attempts,
    long? PromptTokens,
    long? CompletionTokens,
    long? CachedTokens,
    long? CacheWriteTokens,
    [property: JsonPropertyName("cache_write_5m_tokens")] long? CacheWrite5mTokens,
    [property: JsonPropertyName("cache_write_1h_tokens")] long? CacheWrite1hTokens,
    long? ReasoningTokens,
    string UsageSource,
    string? RequestedModel,
    string? EffectiveModel,
    double? TtfbMs,
    string CacheStatus,
    long? CacheSourceId,
    string? Error,
    bool ClientClosed,
    bool Complete,
    long RequestBytes,
    long ResponseBytes,
    bool RequestBodyTruncated,
    bool ResponseBodyTruncated,
    bool RequestBodyBinary,
    bool ResponseBodyBinary,
    bool RequestBodyTextTruncated,
    bool ResponseBodyTextTruncated,
    long? RequestBodyStoredBytes,
    long? ResponseBodyStoredBytes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? LegacyId = null,
    string? ResolvedModel = null,
    bool RequestBodyLossy = false,
    bool ResponseBodyLossy = false);
