namespace Menshen.Shell.Tests.Support;

/// A clock the test moves by hand.
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    /// With frozen timestamps no time passes for what measures elapsed time (a report walk's
    /// budget), so a slow machine cannot cut one walk short and not another.
    public bool FreezeTimestamps { get; init; }

    public override long GetTimestamp() =>
        FreezeTimestamps ? 0 : global::System.Diagnostics.Stopwatch.GetTimestamp();
}
