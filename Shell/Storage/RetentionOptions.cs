using Menshen.Core.Audit;

namespace Menshen.Shell.Storage;

/// Timing and batch sizes of the retention purge: Core's rule (Retention) unless a test says
/// otherwise.
public sealed record RetentionOptions
{
    /// Requests deleted per transaction: small, so the writer never waits long for the lock.
    public int BatchSize { get; init; } = Retention.PurgeBatchSize;

    /// Pause between batches, letting the writer take the lock in between.
    public TimeSpan PauseBetweenBatches { get; init; } = TimeSpan.FromMilliseconds(5);

    /// Free pages given back to the file system per `incremental_vacuum` step.
    public int VacuumPagesPerStep { get; init; } = 2048;

    /// Delay of the first purge after start (shortly after, not during, start-up).
    public TimeSpan FirstRun { get; init; } = Retention.FirstPurgeDelay;

    public TimeSpan Interval { get; init; } = Retention.PurgeInterval;
}
