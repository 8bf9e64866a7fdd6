namespace Menshen.Core.Config.Raw;

/// `[upstream]` as written; seconds are whole seconds.
public sealed record RawUpstream(long? Timeout, long? MaxIdleConnsPerHost)
{
    public static RawUpstream Empty { get; } = new(null, null);
}
