namespace Menshen.Shell.Runtime;

/// The wall clock's time as a monotonic clock tells it: the wall time at start-up plus the
/// time elapsed since, by `wall`'s own timestamps. For what measures waits rather than stamps
/// rows: cool-downs, sticky routes, the login throttle, the refusal budget, the health probe's
/// reuse. A step of the system clock (NTP, a resumed VM) moves none of them (helper-91: after a
/// step back of an hour, `/healthz` kept its answer and a cooled provider stayed parked for
/// that hour). Audit rows, reports and the cache keep the wall clock.
public sealed class SteadyClock : TimeProvider
{
    private readonly TimeProvider _wall;
    private readonly DateTimeOffset _anchor;
    private readonly long _anchorTimestamp;

    public SteadyClock(TimeProvider wall)
    {
        ArgumentNullException.ThrowIfNull(wall);
        _wall = wall;
        _anchor = wall.GetUtcNow();
        _anchorTimestamp = wall.GetTimestamp();
    }

    public override DateTimeOffset GetUtcNow() => _anchor + _wall.GetElapsedTime(_anchorTimestamp);

    public override long GetTimestamp() => _wall.GetTimestamp();

    public override long TimestampFrequency => _wall.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _wall.LocalTimeZone;
}
