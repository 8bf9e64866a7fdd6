using Menshen.Core.Reports;

namespace Menshen.Shell.Storage;

/// What a set of rows adds to one running-sum row: the sums and the latency bins of the rows
/// that were not cache hits (sparse, bin → count).
internal sealed class SumsDelta
{
    public ReportTotals Totals { get; private set; } = ReportTotals.Zero;

    public Dictionary<int, long> Bins { get; } = [];

    public void Add(ReportRow row, ReportTotals totals)
    {
        Totals = Totals.Add(totals);
        if (row.CacheHit) return;
        var bin = LatencyBins.Of(row.DurationMs);
        Bins[bin] = Bins.GetValueOrDefault(bin) + 1;
    }
}
