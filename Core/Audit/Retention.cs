namespace Menshen.Core.Audit;

/// What the retention purge needs to know; the Shell runs the deletes.
public static class Retention
{
    /// Rows deleted per statement, so the write lock is held only briefly.
    public const int PurgeBatchSize = 500;

    /// The first purge runs shortly after start, not during it.
    public static readonly TimeSpan FirstPurgeDelay = TimeSpan.FromSeconds(10);

    /// Later purges run this often.
    public static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);

    /// Records created before this instant are purged; null keeps everything (retention ≤ 0).
    public static DateTimeOffset? Cutoff(DateTimeOffset now, int retentionDays)
    {
        if (retentionDays <= 0)
        {
            return null;
        }
        // Computed in UTC (the instant is what matters); a retention reaching before year 1
        // keeps everything that can exist.
        var utc = now.ToUniversalTime();
        var reachable = (utc.UtcDateTime - DateTime.MinValue).TotalDays;
        return retentionDays >= reachable ? DateTimeOffset.MinValue : utc.AddDays(-retentionDays);
    }

    /// Cutoff as Unix milliseconds, the unit the audit tables store `created_at` in.
    public static long? CutoffUnixMilliseconds(DateTimeOffset now, int retentionDays) =>
        Cutoff(now, retentionDays)?.ToUnixTimeMilliseconds();

    /// A batch that deleted a full PurgeBatchSize rows may have left more behind.
    public static bool MoreToPurge(int deletedInLastBatch) =>
        MoreToPurge(deletedInLastBatch, PurgeBatchSize);

    /// The same rule for a purge run with another batch size (tests use small ones).
    public static bool MoreToPurge(int deletedInLastBatch, int batchSize) =>
        deletedInLastBatch >= batchSize;
}
