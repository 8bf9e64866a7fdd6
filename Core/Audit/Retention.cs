namespace Menshen.Core.Audit;

/// How long audit records are kept.
public static class Retention
{
    /// The instant before which records are purged, or null when retention is off (days ≤ 0).
    public static DateTimeOffset? Cutoff(DateTimeOffset now, int retentionDays) =>
        retentionDays > 0 ? now.AddDays(-retentionDays) : null;
}
