using Menshen.Core.Usage;

namespace Menshen.Shell.Caching;

/// A stored answer the cache may replay, with what it cost the first time (the saving on a hit).
public sealed record CacheEntry(
    long SourceId,
    int Status,
    string? ContentType,
    ReadOnlyMemory<byte> Body,
    TokenUsage? Usage,
    decimal? CostUsd,
    DateTimeOffset StoredAt);
