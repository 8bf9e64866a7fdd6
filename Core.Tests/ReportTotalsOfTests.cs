using Menshen.Core.Exchanges;
using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

public class ReportTotalsOfTests
{
    private static readonly ReportRow Upstream = new(0, "m", "p", "k", false, 200, ErrorClass.None, 10, 5, 15, 3, 2, 0.0000015, 120);

    [Fact]
    public void Of_upstream_row_counts_spent_tokens_and_cost()
    {
        var actual = ReportTotals.Of(Upstream);

        Assert.Equal(new ReportTotals(1, 0, 0, 10, 5, 15, 3, 2, 1500, 1, 0, 0, 0), actual);
    }

    [Fact]
    public void Of_cache_hit_counts_its_tokens_and_cost_as_saved()
    {
        var actual = ReportTotals.Of(Upstream with { CacheHit = true });

        Assert.Equal(new ReportTotals(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 15, 1500, 1), actual);
    }

    [Fact]
    public void Of_sums_cache_writes_of_upstream_rows_and_none_of_cache_hits()
    {
        var row = Upstream with { CacheWrite5mTokens = 4, CacheWrite1hTokens = 6 };

        var (spent, hit) = (ReportTotals.Of(row), ReportTotals.Of(row with { CacheHit = true }));

        Assert.Equal((4L, 6L, 10L), (spent.CacheWrite5mTokens, spent.CacheWrite1hTokens, spent.CacheWriteTokens));
        Assert.Equal(0, hit.CacheWriteTokens);
        Assert.Equal(ReportTotals.Zero, spent.Subtract(spent));
    }

    [Theory]
    [InlineData(200, false, 0)]
    [InlineData(399, false, 0)]
    [InlineData(400, false, 1)]
    [InlineData(502, false, 1)]
    [InlineData(0, true, 1)]
    [InlineData(200, true, 1)]
    // A refused WebSocket upgrade is what Codex asks first on every run, then falls back to
    // HTTP: counted, it made every Codex run an error on the dashboard (helper-42).
    [InlineData(426, false, 0)]
    [InlineData(426, true, 0)]
    public void Of_error_is_a_status_of_400_or_more_or_an_error_note(int status, bool note, long expected)
    {
        var actual = ReportTotals.Of(Upstream with { Status = status, Error = note ? ErrorClass.Upstream : ErrorClass.None }).Errors;

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Of_row_without_usage_or_price_adds_zero_tokens_and_no_priced_row()
    {
        var actual = ReportTotals.Of(Upstream with
        {
            PromptTokens = null,
            CompletionTokens = null,
            TotalTokens = null,
            CachedTokens = null,
            ReasoningTokens = null,
            CostUsd = null,
        });

        Assert.Equal(new ReportTotals(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), actual);
        Assert.Null(actual.CostUsd);
    }

    // helper-55: with no [pricing], one 401 (no provider, cost 0) made the summary's cost $0.
    [Fact]
    public void A_request_no_provider_was_asked_leaves_an_unpriced_window_unpriced()
    {
        var unpriced = ReportTotals.Of(Upstream with { CostUsd = null });
        var refused = ReportTotals.Of(Upstream with
        {
            Provider = null, Status = 401, PromptTokens = null, CompletionTokens = null,
            TotalTokens = null, CachedTokens = null, ReasoningTokens = null, CostUsd = 0,
        });

        Assert.Null(unpriced.Add(refused).CostUsd);
        Assert.Equal(0m, refused.CostUsd);
        Assert.Equal(0.0000015m, ReportTotals.Of(Upstream).Add(refused).CostUsd);
        Assert.Equal(1, refused.Unspent);
        // helper-56: a passed-through model list (a provider, no model, cost 0) too.
        var modelList = ReportTotals.Of(Upstream with
        {
            Model = null, PromptTokens = null, CompletionTokens = null, TotalTokens = null,
            CachedTokens = null, ReasoningTokens = null, CostUsd = 0,
        });
        Assert.Equal(1, modelList.Unspent);
        Assert.Null(unpriced.Add(modelList).CostUsd);
        Assert.Equal(0, ReportTotals.Of(Upstream with { CostUsd = 0 }).Unspent);
        Assert.Equal(0, ReportTotals.Of(Upstream with { Provider = null, CacheHit = true,
            CostUsd = 0 }).Unspent);
    }

    [Fact]
    public void Subtract_undoes_Add()
    {
        var a = ReportTotals.Of(Upstream);
        var b = ReportTotals.Of(Upstream with { CacheHit = true });

        var actual = a.Add(b).Subtract(b);

        Assert.Equal(a, actual);
    }
}
