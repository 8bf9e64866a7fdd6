using Menshen.Core.Reports;
using Menshen.Shell.Reports.Json;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Reports;

/// `/__report/models`, `/providers` and `/keys`: the window's sums per group, largest first;
/// providers and keys with their p95 latency.
internal static class BreakdownReport
{
    public static ModelJson[] Models(SqliteTransaction tx, ReportQuery query) =>
        [.. Groups(tx, query, ReportDimension.Model).Select(g => new ModelJson(
            g.Key, g.Sums.Requests, g.Sums.CacheHits, g.Sums.PromptTokens, g.Sums.CompletionTokens,
            g.Sums.TotalTokens, g.Sums.CachedTokens, g.Sums.CostUsd, g.Sums.Errors, g.Sums.ReasoningTokens,
            g.Sums.SavedTokens, g.Sums.SavedCostUsd))];

    public static ProviderJson[] Providers(SqliteTransaction tx, ReportQuery query) =>
        [.. Groups(tx, query, ReportDimension.Provider).Select(g => new ProviderJson(
            g.Key, g.Sums.Requests, g.Sums.CacheHits, g.Sums.PromptTokens, g.Sums.CompletionTokens,
            g.Sums.TotalTokens, g.Sums.CachedTokens, g.Sums.CostUsd, g.Sums.Errors, g.Sums.ReasoningTokens,
            g.Sums.SavedTokens, g.Sums.SavedCostUsd, P95(tx, query, ReportDimension.Provider, g)))];

    public static KeyJson[] Keys(SqliteTransaction tx, ReportQuery query) =>
        [.. Groups(tx, query, ReportDimension.Key).Select(g => new KeyJson(
            g.Key, g.Sums.Requests, g.Sums.CacheHits, g.Sums.PromptTokens, g.Sums.CompletionTokens,
            g.Sums.TotalTokens, g.Sums.CachedTokens, g.Sums.CostUsd, g.Sums.Errors, g.Sums.ReasoningTokens,
            g.Sums.SavedTokens, g.Sums.SavedCostUsd, P95(tx, query, ReportDimension.Key, g)))];

    private static IEnumerable<(string? Key, ReportTotals Sums)> Groups(
        SqliteTransaction tx, ReportQuery query, ReportDimension dimension) =>
        WindowSums.ByDimension(tx, query.Since.ToUnixTimeMilliseconds(), dimension).Ordered;

    private static double P95(SqliteTransaction tx, ReportQuery query, ReportDimension dimension, (string? Key, ReportTotals Sums) g) =>
        Latency.Percentile(tx, query.Since.ToUnixTimeMilliseconds(), g.Sums.Upstream, 95, dimension, g.Key);
}
