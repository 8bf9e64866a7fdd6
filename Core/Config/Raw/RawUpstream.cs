namespace Menshen.Core.Config.Raw;

/// `[upstream]` as written; seconds are whole seconds. `HttpClientTimeout` is ai-menshen's
/// `[http_client] timeout`, read when `[upstream]` sets none.
public sealed record RawUpstream(long? Timeout, long? MaxIdleConnsPerHost)
{
    public static RawUpstream Empty { get; } = new(null, null);

    public long? HttpClientTimeout { get; init; }
}
