using Menshen.Core.Audit;

namespace Menshen.Shell.Storage;

/// Timing and step sizes of the retention purge: Core's rule (Retention, PurgePacing) unless a
/// test says otherwise.
public sealed record RetentionOptions
{
    /// Requests deleted per transaction at most: small, so the writer never waits long for the
    /// lock. Batches start at PurgePacing's first step and follow its rule.
    public int BatchSize { get; init; } = Retention.PurgeBatchSize;

    /// The shortest pause between two batches, letting the writer take the lock in between.
    public TimeSpan PauseBetweenBatches { get; init; } = PurgePacing.Rows.MinPause;

    /// The share of its time the purge may work; it pauses for the rest.
    public double Share { get; init; } = PurgePacing.Rows.Share;

    /// Free pages given back to the file system per `incremental_vacuum` step at most.
    public int VacuumPagesPerStep { get; init; } = PurgePacing.Pages.MaxStep;

    /// Delay of the first purge after start (shortly after, not during, start-up).
    public TimeSpan FirstRun { get; init; } = Retention.FirstPurgeDelay;

    public TimeSpan Interval { get; init; } = Retention.PurgeInterval;

    /// The pacing of the batches of deletes.
    public PurgePacing Rows => PurgePacing.Rows with
    {
        MaxStep = BatchSize, MinPause = PauseBetweenBatches, Share = Share,
    };

    /// The pacing of the vacuum's steps.
    public PurgePacing Pages => PurgePacing.Pages with
    {
        MaxStep = VacuumPagesPerStep, MinPause = PauseBetweenBatches, Share = Share,
    };
}
