namespace Menshen.Shell.Http;

/// Audit ids: Unix microseconds, strictly increasing within the process. They sort by time, survive
/// restarts without a database read, and stay below 2^53 so JavaScript reads them exactly.
public sealed class RequestIds(TimeProvider clock, long floor = 0)
{
    private long _last = floor;

    public long Next()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        while (true)
        {
            var last = Volatile.Read(ref _last);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last) return next;
        }
    }
}
