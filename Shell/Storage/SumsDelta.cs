using Menshen.Core.Reports;

namespace Menshen.Shell.Storage;

/// What a set of rows adds to one running-sum row: the sums and the latency bins of the rows
/// that were not cache hits (sparse, bin → count). The sums accumulate in place: every row of a
/// batch lands in seven deltas, and a new immutable ReportTotals per row and delta was most of
/// the writer's allocations per row.
internal sealed class SumsDelta
{
    private long _requests, _cacheHits, _errors, _prompt, _completion, _total, _cached,
        _reasoning, _costNanos, _priced, _saved, _savedCostNanos, _savedPriced, _write5m,
        _write1h, _unspent;

    /// The sums so far (built on each read: read once per delta, when it is merged).
    public ReportTotals Totals => new(_requests, _cacheHits, _errors, _prompt, _completion,
        _total, _cached, _reasoning, _costNanos, _priced, _saved, _savedCostNanos, _savedPriced,
        _write5m, _write1h, _unspent);

    public Dictionary<int, long> Bins { get; } = [];

    public void Add(ReportRow row, ReportTotals totals)
    {
        _requests += totals.Requests;
        _cacheHits += totals.CacheHits;
        _errors += totals.Errors;
        _prompt += totals.PromptTokens;
        _completion += totals.CompletionTokens;
        _total += totals.TotalTokens;
        _cached += totals.CachedTokens;
        _reasoning += totals.ReasoningTokens;
        _costNanos += totals.CostNanos;
        _priced += totals.Priced;
        _saved += totals.SavedTokens;
        _savedCostNanos += totals.SavedCostNanos;
        _savedPriced += totals.SavedPriced;
        _write5m += totals.CacheWrite5mTokens;
        _write1h += totals.CacheWrite1hTokens;
        _unspent += totals.Unspent;
        if (!row.CountsForLatency) return;
        var bin = LatencyBins.Of(row.DurationMs);
        Bins[bin] = Bins.GetValueOrDefault(bin) + 1;
    }
}
