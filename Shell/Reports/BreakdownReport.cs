using System.Data.Common;
using Menshen.Core.Reports;
using Menshen.Shell.Reports.Json;

namespace Menshen.Shell.Reports;

/// `/__report/models`, `/providers` and `/keys`: the window's sums per group, largest first
/// (at most BreakdownLimit.Groups); providers and keys with their p95 latency.
internal static class BreakdownReport
{
    public static ModelJson[] Models(DbTransaction tx, ReportQuery query) =>
        [.. Groups(tx, query, ReportDimension.Model,
        latency: false).Select(g => (g.Key, T: g.Sum.Totals)).Select(g => new ModelJson(
            g.Key, g.T.Requests, g.T.CacheHits, g.T.PromptTokens, g.T.CompletionTokens,
            g.T.TotalTokens, g.T.CachedTokens, g.T.CacheWriteTokens, g.T.CacheWrite5mTokens,
            g.T.CacheWrite1hTokens,
            g.T.CostUsd, g.T.Errors, g.T.ReasoningTokens, g.T.SavedTokens, g.T.SavedCostUsd))];

    /// With each provider's failed tries (FailedAttempts); a provider whose every try in the
    /// window failed over answered no request, and follows those that did, most failed first.
    public static ProviderJson[] Providers(DbTransaction tx, ReportQuery query)
    {
        var since = query.Since.ToUnixTimeMilliseconds();
        var failed = FailedAttemptSums.Since(tx, since);
        var answered = WindowSums.ByDimension(tx, since, ReportDimension.Provider, latency: true)
            .Ordered.ToList();
        var named = answered.Where(g => g.Key is not null).Select(g => g.Key!)
            .ToHashSet(StringComparer.Ordinal);
        var onlyFailed = failed.Where(f => !named.Contains(f.Key))
            .OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => ((string?)f.Key, new WindowSum(latency: true)));
        return [.. answered.Concat(onlyFailed).Take(BreakdownLimit.Groups)
            .Select(g => (g.Item1, g.Item2, T: g.Item2.Totals)).Select(g => new ProviderJson(
            g.Item1, g.T.Requests, g.T.CacheHits, g.T.PromptTokens, g.T.CompletionTokens,
            g.T.TotalTokens, g.T.CachedTokens, g.T.CacheWriteTokens, g.T.CacheWrite5mTokens,
            g.T.CacheWrite1hTokens,
            g.T.CostUsd, g.T.Errors, g.T.ReasoningTokens, g.T.SavedTokens, g.T.SavedCostUsd,
            g.Item2.Percentile(95),
            g.Item1 is { } name ? failed.GetValueOrDefault(name) : 0))];
    }

    public static KeyJson[] Keys(DbTransaction tx, ReportQuery query) =>
        [.. Groups(tx, query, ReportDimension.Key,
        latency: true).Select(g => (g.Key, g.Sum, T: g.Sum.Totals)).Select(g => new KeyJson(
            g.Key, g.T.Requests, g.T.CacheHits, g.T.PromptTokens, g.T.CompletionTokens,
            g.T.TotalTokens, g.T.CachedTokens, g.T.CacheWriteTokens, g.T.CacheWrite5mTokens,
            g.T.CacheWrite1hTokens,
            g.T.CostUsd, g.T.Errors, g.T.ReasoningTokens, g.T.SavedTokens, g.T.SavedCostUsd,
            g.Sum.Percentile(95)))];

    private static IEnumerable<(string? Key, WindowSum Sum)> Groups(
        DbTransaction tx, ReportQuery query, ReportDimension dimension, bool latency) =>
        WindowSums.ByDimension(tx, query.Since.ToUnixTimeMilliseconds(), dimension,
        latency).Ordered.Take(BreakdownLimit.Groups);
}
