namespace Menshen.Shell.Storage;

/// One backend's purge of the rows created before a cutoff, with their report sums, in small
/// batches: SQLite's file (then incremental vacuum), or the shared PostgreSQL database (one
/// instance at a time, by advisory lock).
public interface IRetentionPurge
{
    /// Deletes requests created before `cutoffMs`; returns how many.
    Task<long> PurgeAsync(long cutoffMs, RetentionOptions options, TimeProvider clock,
        CancellationToken cancellationToken);
}
