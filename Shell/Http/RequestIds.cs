using Menshen.Core.Audit;

namespace Menshen.Shell.Http;

/// Audit ids: Unix microseconds, strictly increasing within the process. They sort by time, survive
/// restarts without a database read, and stay below 2^53 so JavaScript reads them exactly. With an
/// `instance` (several gateways on one database, SPEC §15) they are InstanceIds: the same scale,
/// with the instance in every id so no two instances ever make the same one. The instance is read
/// for each id: an instance whose number was taken while it was away gets a new one.
public sealed class RequestIds(TimeProvider clock, long floor = 0, Func<int>? instance = null)
{
    private long _last = floor;

    public long Next()
    {
        var ms = clock.GetUtcNow().ToUnixTimeMilliseconds();
        while (true)
        {
            var last = Volatile.Read(ref _last);
            var next = instance is { } i ? InstanceIds.Next(last, ms, i())
                : Math.Max(ms * 1000, last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last) return next;
        }
    }
}
