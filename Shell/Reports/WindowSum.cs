using System.Data.Common;
using Menshen.Core.Reports;

namespace Menshen.Shell.Reports;

/// The sums of a window (or of one group in it), and its latency histogram when asked for.
internal sealed class WindowSum(bool latency)
{
    private readonly long[]? _bins = latency ? new long[LatencyBins.Count] : null;

    public ReportTotals Totals { get; private set; } = ReportTotals.Zero;

    /// A running-sum row read by WindowSums: the sums from column `first`, then its histogram.
    public void AddSums(DbDataReader reader, int first)
    {
        Totals = Totals.Add(ReportSql.ReadSums(reader, first));
        var at = first + ReportSql.SumCount;
        if (_bins is not null && !reader.IsDBNull(at)) LatencyBins.AddTo(_bins,
            (byte[])reader.GetValue(at));
    }

    /// A raw row of the window's edge.
    public void AddRow(ReportRow row)
    {
        Totals = Totals.Add(ReportTotals.Of(row));
        if (_bins is not null && row.CountsForLatency) _bins[LatencyBins.Of(row.DurationMs)]++;
    }

    /// The `percent`-th percentile of the latency of the requests that count for it
    /// (ReportRow.CountsForLatency); 0 for none.
    public double Percentile(int percent) => _bins is null ? 0
        : LatencyBins.Percentile(_bins, percent);
}
