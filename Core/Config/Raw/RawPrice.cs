namespace Menshen.Core.Config.Raw;

/// One `[pricing."MODEL"]` table as written (USD per million tokens).
public sealed record RawPrice(
    string Model, decimal? Input, decimal? Output, decimal? CachedInput,
    decimal? CacheWrite = null, decimal? CacheWrite1h = null);
