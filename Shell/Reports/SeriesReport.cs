using System.Data.Common;
using Menshen.Core.Reports;
using Menshen.Shell.Reports.Json;

namespace Menshen.Shell.Reports;

/// `/__report/series` and `/__report/daily`: one entry per bucket of the window on the local
/// clock of `tz`, oldest first, empty buckets included (zeros).
internal static class SeriesReport
{
    public static SeriesJson[] Series(DbTransaction tx, ReportQuery query)
    {
        var (starts, sums) = Buckets(tx, query, query.Bucket);
        return [.. starts.Select((start, i) => new SeriesJson(
            start, sums[i].Requests, sums[i].Errors, sums[i].CacheHits, sums[i].PromptTokens,
            sums[i].CompletionTokens, sums[i].TotalTokens, sums[i].CostUsd))];
    }

    public static DailyJson[] Daily(DbTransaction tx, ReportQuery query)
    {
        var (starts, sums) = Buckets(tx, query, TimeBucket.Day);
        return [.. starts.Select((start, i) => new DailyJson(
            Date(query.Zone, start), sums[i].TotalTokens, sums[i].PromptTokens,
            sums[i].CompletionTokens,
            sums[i].Requests, sums[i].CachedTokens, sums[i].CacheWriteTokens,
            sums[i].CacheWrite5mTokens, sums[i].CacheWrite1hTokens, sums[i].CostUsd, start,
            sums[i].CacheHits,
            sums[i].Errors))];
    }

    private static (long[] Starts, ReportTotals[] Sums) Buckets(DbTransaction tx,
        ReportQuery query, TimeBucket bucket)
    {
        var starts = BucketBoundaries.Starts(query.Zone, bucket, query.Since, query.Now)
            .Select(s => s.ToUnixTimeMilliseconds()).ToArray();
        return (starts, WindowSums.ByBucket(tx, query.Since.ToUnixTimeMilliseconds(), starts));
    }

    private static string Date(TimeZoneInfo zone, long start) =>
        BucketBoundaries.LocalDate(zone, DateTimeOffset.FromUnixTimeMilliseconds(start))
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
