using Menshen.Core.Audit;
using Menshen.Core.Caching;

namespace Menshen.Shell.Tests.Reports;

/// The report numbers computed the slow way, straight from the rows the test wrote: the
/// reference the API's running sums, raw-row edges and index walks must agree with.
public static class ReportOracle
{
    public static bool IsHit(Exchange e) => e.Cache == CacheStatus.Hit;

    public static long Spent(IEnumerable<Exchange> rows, Func<Core.Usage.TokenUsage, long?> field) =>
        rows.Where(e => !IsHit(e)).Sum(e => e.Usage is { } u ? field(u) ?? 0 : 0);

    /// Cost in USD, or null when there were upstream rows and none had a price.
    public static decimal? Cost(IEnumerable<Exchange> rows)
    {
        var upstream = rows.Where(e => !IsHit(e)).ToArray();
        return upstream.Length > 0 && upstream.All(e => e.CostUsd is null) ? null : upstream.Sum(e => e.CostUsd ?? 0);
    }

    /// Nearest-rank percentile of the durations of rows that were not cache hits nor the
    /// gateway's own refusals, reported as the middle of its latency bin; 0 for none.
    public static double Percentile(IEnumerable<Exchange> rows, int percent)
    {
        var sorted = rows.Where(e => !IsHit(e) && !(e.Provider is null && e.Status >= 400))
            .Select(e => e.DurationMs).Order().ToArray();
        return sorted.Length == 0 ? 0
            : Core.Reports.LatencyBins.Value(Core.Reports.LatencyBins.Of(sorted[(int)Math.Ceiling(sorted.Length * percent / 100.0) - 1]));
    }

    public static bool IsError(Exchange e) => e.Status >= 400 || e.ErrorNote is not null;
}
