namespace Menshen.Core.Config.Raw;

/// `[cache]` as written.
public sealed record RawCache(bool? Enable, long? MaxBodyBytes, long? MaxAge)
{
    public static RawCache Empty { get; } = new(null, null, null);
}
