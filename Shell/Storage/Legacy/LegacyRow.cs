namespace Menshen.Shell.Storage.Legacy;

/// One request of ai-menshen with its response, bodies and usage, as read from its tables.
internal sealed record LegacyRow(
    string Id,
    long CreatedAtMs,
    string? Model,
    string Path,
    string? CacheKey,
    int? Status,
    long? DurationMs,
    bool FromCache,
    string? CacheSourceId,
    string? RequestBody,
    string? ResponseBody,
    bool HasUsage,
    long? PromptTokens,
    long? CompletionTokens,
    long? TotalTokens,
    long? CachedTokens);
