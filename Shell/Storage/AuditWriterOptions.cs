namespace Menshen.Shell.Storage;

/// Tuning of the audit writer. The defaults suit the gateway; tests shrink them.
public sealed record AuditWriterOptions
{
    /// Exchanges the queue holds before <c>SubmitAsync</c> waits (back-pressure, never drops).
    public int Capacity { get; init; } = 4096;

    /// Exchanges committed per transaction at most.
    public int BatchSize { get; init; } = 256;

    /// PostgreSQL: how long the writer lets exchanges gather once the first one arrives, so that
    /// under load it wakes and commits once per batch rather than once per request. Zero commits
    /// at once.
    public TimeSpan Gather { get; init; } = TimeSpan.FromMilliseconds(5);

    /// SQLite: how long the writer's transaction stays open taking rows as they arrive before it
    /// commits (sooner when it holds BatchSize rows). Measured at 5, 10, 20 and 50 ms
    /// (docs/performance.md): 20 spreads the work best at one client and at 64. Zero commits at
    /// once.
    public TimeSpan CommitWindow { get; init; } = TimeSpan.FromMilliseconds(20);

    /// Tries of one batch before its rows are written one by one.
    public int MaxAttempts { get; init; } = 5;

    /// Wait before the first retry; doubled for each further one.
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);
}
