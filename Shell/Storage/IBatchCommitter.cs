using Menshen.Core.Audit;

namespace Menshen.Shell.Storage;

/// What the audit writer hands its batches to: SQLite's BatchCommitter, or PostgreSQL's (which
/// spools to a local file while the database is away). Commits never throw: a row that cannot
/// be kept anywhere is logged as critical and counted in <see cref="Failed"/>.
public interface IBatchCommitter : IDisposable
{
    long Written { get; }

    long Failed { get; }

    long Batches { get; }

    /// How long the writer waits with nothing queued before it calls <see cref="IdleAsync"/>;
    /// null never. Read again after each pass over the queue (its timer is re-armed then).
    TimeSpan? IdlePeriod { get; }

    /// True when the committer decides itself when to commit (SQLite's keeps its transaction
    /// open), so the writer hands it exchanges as they come instead of letting them gather.
    bool GathersItself => false;

    Task CommitAsync(IReadOnlyList<Exchange> batch);

    /// Work between batches (SQLite: committing the open transaction; PostgreSQL: replaying the
    /// spool).
    Task IdleAsync();

    /// Called once the queue is drained at shutdown.
    Task DrainedAsync();

    /// True while a batch waits for the storage to take writes again (StorageFaults).
    bool Stalled => false;

    /// The gateway is stopping: a batch stops waiting for the storage (it cannot wait for ever).
    void Stopping()
    {
    }
}
