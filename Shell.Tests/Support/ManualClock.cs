namespace Menshen.Shell.Tests.Support;

/// A clock the test moves by hand. `Advance` is time passing: the wall clock and the
/// timestamps that measure elapsed time move together. `Step` moves the wall clock alone, as
/// NTP or a resumed VM steps the system clock.
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;
    private long _advancedTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by)
    {
        Interlocked.Add(ref _advancedTicks, by.Ticks);
        Interlocked.Add(ref _ticks, by.Ticks);
    }

    public void Step(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    /// With frozen timestamps no time passes for what measures elapsed time (a report walk's
    /// budget) but what `Advance` adds, so a slow machine cannot cut one walk short and not
    /// another.
    public bool FreezeTimestamps { get; init; }

    public override long GetTimestamp() =>
        (FreezeTimestamps ? 0 : global::System.Diagnostics.Stopwatch.GetTimestamp())
        + (long)((Int128)Interlocked.Read(ref _advancedTicks) * TimestampFrequency
            / TimeSpan.TicksPerSecond);
}
