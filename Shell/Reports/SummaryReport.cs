using Menshen.Core.Reports;
using Menshen.Shell.Reports.Json;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Reports;

/// `/__report/summary`: the window's sums and latency percentiles.
internal static class SummaryReport
{
    public static SummaryJson Read(SqliteTransaction tx, ReportQuery query)
    {
        var since = query.Since.ToUnixTimeMilliseconds();
        var t = WindowSums.Total(tx, since);
        return new SummaryJson(
            t.Requests, t.CacheHits, t.TotalTokens, t.PromptTokens, t.CompletionTokens, t.CachedTokens,
            t.Errors, t.ReasoningTokens, t.CostUsd, t.SavedTokens, t.SavedCostUsd,
            Latency.Percentile(tx, since, t.Upstream, 50), Latency.Percentile(tx, since, t.Upstream, 95));
    }
}
