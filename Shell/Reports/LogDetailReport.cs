using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Usage;
using Menshen.Shell.Reports.Json;
using Menshen.Shell.Storage;

namespace Menshen.Shell.Reports;

/// `/__report/log?id=`: one stored row in the API's shape. Bodies are shown as (lossy) UTF-8
/// text; a body that was not recorded is null.
internal static class LogDetailReport
{
    public static LogDetailJson Of(StoredLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var e = log.Exchange;
        var usage = e.Usage;
        return new LogDetailJson(
            e.Id, e.StartedAt.ToUnixTimeMilliseconds(), e.EffectiveModel, e.Path, e.Status,
            e.DurationMs,
            usage?.TotalTokens, log.RequestPreview, log.ResponsePreview, e.Provider, e.ClientKey,
            e.Stream,
            e.Cache == CacheStatus.Hit, e.Method, EndpointNames.Of(e.Endpoint), e.CostUsd,
            Text(e.RequestBody), Text(e.ResponseBody),
            [.. e.Attempts.Select(a =>
            new AttemptJson(a.Provider, a.Status, a.Error, a.DurationMs))],
            usage?.PromptTokens, usage?.CompletionTokens, usage?.CachedTokens,
            usage?.CacheWriteTokens, usage?.CacheWrite5mTokens, usage?.CacheWrite1hTokens,
            usage?.ReasoningTokens,
            Name(e.UsageSource), e.RequestedModel, e.EffectiveModel, e.TtfbMs, Name(e.Cache),
            e.CacheSourceId,
            e.ErrorNote, e.ClientClosed, e.Complete, e.RequestBytes, e.ResponseBytes,
            e.RequestBody?.Truncated ?? false, e.ResponseBody?.Truncated ?? false, log.LegacyId,
            e.ResolvedModel);
    }

    private static string? Text(CapturedBody? body) =>
        body is null ? null : System.Text.Encoding.UTF8.GetString(body.Bytes.Span);

    private static string Name(UsageSource source) => source switch
    {
        UsageSource.Body => "body",
        UsageSource.Stream => "stream",
        UsageSource.Cache => "cache",
        _ => "none",
    };

    private static string Name(CacheStatus status) => status switch
    {
        CacheStatus.Miss => "miss",
        CacheStatus.Hit => "hit",
        CacheStatus.Bypass => "bypass",
        _ => "none",
    };
}
