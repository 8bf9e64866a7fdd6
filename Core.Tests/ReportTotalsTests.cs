using CsCheck;
using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

public class ReportTotalsTests
{
    // Unspent rows are upstream rows (not hits) with a known cost of 0: at most the priced ones.
    private static readonly Gen<ReportTotals> Totals = Gen.Long[0, 1_000].Array[16].Select(v =>
        new ReportTotals(v[0] + v[1], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], Math.Min(v[9], v[0]),
            v[10], v[11], Math.Min(v[12], v[1]), v[13], v[14], Math.Min(v[15], Math.Min(v[9], v[0]))));

    [Fact]
    public void Add_zero_is_identity() =>
        Totals.Sample(t => t.Add(ReportTotals.Zero) == t && ReportTotals.Zero.Add(t) == t);

    [Fact]
    public void Add_is_commutative() =>
        Gen.Select(Totals, Totals).Sample((a, b) => a.Add(b) == b.Add(a));

    [Fact]
    public void CostUsd_is_null_only_when_rows_reached_a_provider_and_none_had_a_price() =>
        Totals.Sample(t => (t.CostUsd is null)
            == (t.Upstream - t.Unspent > 0 && t.Priced - t.Unspent == 0));

    [Fact]
    public void SavedCostUsd_is_null_only_when_hits_exist_and_none_had_a_price() =>
        Totals.Sample(t => (t.SavedCostUsd is null) == (t.CacheHits > 0 && t.SavedPriced == 0));

    [Fact]
    public void CostUsd_of_nothing_is_zero()
    {
        var actual = ReportTotals.Zero.CostUsd;

        Assert.Equal(0m, actual);
    }

    [Fact]
    public void CostUsd_is_nano_dollars_as_dollars()
    {
        var totals = ReportTotals.Zero with { Requests = 2, Priced = 1, CostNanos = 12_300_000 };

        var actual = totals.CostUsd;

        Assert.Equal(0.0123m, actual);
    }

    // Mutation testing (helper-93): a row leaving a running sum takes every field with it.
    [Fact]
    public void Subtract_undoes_add() =>
        Gen.Select(Totals, Totals).Sample((a, b) => a.Add(b).Subtract(b) == a);

    [Fact]
    public void Upstream_is_the_requests_not_served_from_the_cache() =>
        Totals.Sample(t => t.Upstream + t.CacheHits == t.Requests);
}
