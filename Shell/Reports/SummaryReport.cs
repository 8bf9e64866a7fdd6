using System.Data.Common;
using Menshen.Core.Reports;
using Menshen.Shell.Reports.Json;

namespace Menshen.Shell.Reports;

/// `/__report/summary`: the window's sums and latency percentiles.
internal static class SummaryReport
{
    public static SummaryJson Read(DbTransaction tx, ReportQuery query)
    {
        var sum = WindowSums.Total(tx, query.Since.ToUnixTimeMilliseconds(), latency: true);
        var t = sum.Totals;
        return new SummaryJson(
            t.Requests, t.CacheHits, t.TotalTokens, t.PromptTokens, t.CompletionTokens,
            t.CachedTokens, t.CacheWriteTokens, t.CacheWrite5mTokens, t.CacheWrite1hTokens,
            t.Errors, t.ReasoningTokens, t.CostUsd, t.SavedTokens, t.SavedCostUsd,
            sum.Percentile(50), sum.Percentile(95));
    }
}
