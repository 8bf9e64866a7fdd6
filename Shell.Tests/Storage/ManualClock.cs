namespace Menshen.Shell.Tests.Storage;

/// A clock whose "now" the test sets; timers still run on real time.
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
