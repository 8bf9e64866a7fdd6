namespace Menshen.Shell.Storage;

/// Timing and batch sizes of the retention purge.
public sealed record RetentionOptions
{
    /// Requests deleted per transaction: small, so the writer never waits long for the lock.
    public int BatchSize { get; init; } = 1000;

    /// Pause between batches, letting the writer take the lock in between.
    public TimeSpan PauseBetweenBatches { get; init; } = TimeSpan.FromMilliseconds(5);

    /// Free pages given back to the file system per `incremental_vacuum` step.
    public int VacuumPagesPerStep { get; init; } = 2048;

    /// Delay of the first purge after start (shortly after, not during, start-up).
    public TimeSpan FirstRun { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);
}
