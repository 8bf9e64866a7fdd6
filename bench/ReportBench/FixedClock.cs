namespace Menshen.ReportBench;

/// The reports' clock: fixed at the end of the seeded traffic, so every run reads the same windows.
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
