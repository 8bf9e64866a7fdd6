namespace Menshen.Core.Caching;

public static class CacheFreshness
{
    /// An entry is fresh while its age is below `maxAge`; a zero (or negative) `maxAge` means
    /// fresh until retention removes it.
    public static bool IsFresh(DateTimeOffset storedAt, DateTimeOffset now, TimeSpan maxAge) =>
        maxAge <= TimeSpan.Zero || now - storedAt < maxAge;

    /// The oldest `storedAt` that is still fresh is strictly after this instant; null when every
    /// entry is fresh. Lets the Shell filter in SQL with the same rule as IsFresh.
    public static DateTimeOffset? StaleAtOrBefore(DateTimeOffset now, TimeSpan maxAge)
    {
        if (maxAge <= TimeSpan.Zero)
        {
            return null;
        }
        // A max age reaching before year 1 makes nothing stale.
        return maxAge >= now - DateTimeOffset.MinValue ? DateTimeOffset.MinValue : now - maxAge;
    }

    /// Whole seconds since the entry was stored, for the `Age` header; never negative, so a clock
    /// that stepped back gives 0.
    public static long Age(DateTimeOffset storedAt, DateTimeOffset now) =>
        Math.Max(0, (now - storedAt).Ticks / TimeSpan.TicksPerSecond);
}
