namespace Menshen.Core.Config.Raw;

/// `[cache]` as written.
public sealed record RawCache(
    bool? Enable, long? MaxBodyBytes, long? MaxAge, bool? Shared = null)
{
    public static RawCache Empty { get; } = new(null, null, null);
}
