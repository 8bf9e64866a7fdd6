namespace Menshen.Core.Reports;

/// Sums over a set of audit rows. Tokens and cost count what went upstream (rows that were not
/// cache hits); a hit's tokens and cost count as saved instead. Costs are whole nano-dollars
/// (1e-9 USD), so sums are exact. `Priced` / `SavedPriced` count the rows that had a price.
/// `Unspent` counts the rows that cost nothing without a model's price deciding it: those no
/// provider was asked (the gateway's refusals and own answers) and those without a model (a
/// passed-through model list, a file's status). They are in `Priced` with a cost of 0, yet tell
/// nothing of prices.
public sealed record ReportTotals(
    long Requests,
    long CacheHits,
    long Errors,
    long PromptTokens,
    long CompletionTokens,
    long TotalTokens,
    long CachedTokens,
    long ReasoningTokens,
    long CostNanos,
    long Priced,
    long SavedTokens,
    long SavedCostNanos,
    long SavedPriced,
    long CacheWrite5mTokens = 0,
    long CacheWrite1hTokens = 0,
    long Unspent = 0)
{
    public static readonly ReportTotals Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// Prompt tokens written to the provider's prompt cache (5 m and 1 h).
    public long CacheWriteTokens => CacheWrite5mTokens + CacheWrite1hTokens;

    /// Requests that were not served from the cache.
    public long Upstream => Requests - CacheHits;

    /// The sum of the known costs; null only when there were requests to providers and none
    /// had a price. A request no provider was asked is neither (helper-55: one 401 turned an
    /// unpriced window's "no price" into $0).
    public decimal? CostUsd => Usd(CostNanos, Upstream - Unspent, Priced - Unspent);

    /// The same rule over the cache hits.
    public decimal? SavedCostUsd => Usd(SavedCostNanos, CacheHits, SavedPriced);

    /// The sums of one row: a cache hit's tokens and cost count as saved; a missing usage as 0.
    public static ReportTotals Of(ReportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var (hit, priced) = (row.CacheHit ? 1 : 0, row.CostUsd is null ? 0 : 1);
        var unspent = !row.CacheHit && row.CostUsd == 0
            && (row.Provider is null || row.Model is null) ? 1 : 0;
        long Spent(long? tokens) => row.CacheHit ? 0 : tokens ?? 0;
        return new(
            1, hit, row.IsError ? 1 : 0, Spent(row.PromptTokens), Spent(row.CompletionTokens),
            Spent(row.TotalTokens),
            Spent(row.CachedTokens), Spent(row.ReasoningTokens), row.CacheHit ? 0 : row.CostNanos,
            priced * (1 - hit),
            row.CacheHit ? row.TotalTokens ?? 0 : 0, row.CacheHit ? row.CostNanos : 0,
            priced * hit, Spent(row.CacheWrite5mTokens), Spent(row.CacheWrite1hTokens),
            unspent);
    }

    /// Field-wise difference (for rows leaving a running sum).
    public ReportTotals Subtract(ReportTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Add(other.Negate());
    }

    /// Field-wise sum.
    public ReportTotals Add(ReportTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            Requests + other.Requests, CacheHits + other.CacheHits, Errors + other.Errors,
            PromptTokens + other.PromptTokens, CompletionTokens + other.CompletionTokens,
            TotalTokens + other.TotalTokens, CachedTokens + other.CachedTokens,
            ReasoningTokens + other.ReasoningTokens, CostNanos + other.CostNanos,
            Priced + other.Priced,
            SavedTokens + other.SavedTokens, SavedCostNanos + other.SavedCostNanos,
            SavedPriced + other.SavedPriced, CacheWrite5mTokens + other.CacheWrite5mTokens,
            CacheWrite1hTokens + other.CacheWrite1hTokens, Unspent + other.Unspent);
    }

    private ReportTotals Negate() => new(
        -Requests, -CacheHits, -Errors, -PromptTokens, -CompletionTokens, -TotalTokens,
        -CachedTokens,
        -ReasoningTokens, -CostNanos, -Priced, -SavedTokens, -SavedCostNanos, -SavedPriced,
        -CacheWrite5mTokens, -CacheWrite1hTokens, -Unspent);

    private static decimal? Usd(long nanos, long rows, long priced) =>
        rows > 0 && priced == 0 ? null : nanos / 1_000_000_000m;
}
