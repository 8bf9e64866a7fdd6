namespace Menshen.Core.Errors;

/// Exponential back-off: how long to wait before try `attempt` + 1 after `attempt` failures in a
/// row (1 based): `first`, then doubling, never above `max`.
public static class Backoff
{
    public static TimeSpan Delay(TimeSpan first, int attempt, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        // Doubling past 2^20 only matters for a `max` of weeks: capped before it can overflow.
        var delay = first * (1 << Math.Min(attempt - 1, 20));
        return delay < max ? delay : max;
    }
}
