using System.Collections.Concurrent;

namespace Menshen.Shell.Tests.Storage;

/// A clock at a fixed "now" whose every timestamp read is `step` after the one before, so each
/// measured piece of work seems to take `step`; every delay asked of it is recorded and then
/// runs at once.
public sealed class SteppingClock(DateTimeOffset now, TimeSpan step) : TimeProvider
{
    private long _timestamp;

    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override DateTimeOffset GetUtcNow() => now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Add(ref _timestamp, step.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime,
        TimeSpan period)
    {
        Delays.Enqueue(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
