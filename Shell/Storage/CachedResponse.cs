using Menshen.Core.Usage;

namespace Menshen.Shell.Storage;

/// A stored response the cache may replay: the newest eligible row of a cache key.
public sealed record CachedResponse(
    long Id,
    int Status,
    string? ContentType,
    ReadOnlyMemory<byte> Body,
    TokenUsage? Usage,
    decimal? CostUsd,
    DateTimeOffset CreatedAt);
