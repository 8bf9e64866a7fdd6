using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Usage;
using Menshen.Shell.Reports.Json;
using Menshen.Shell.Storage;

namespace Menshen.Shell.Reports;

/// `/__report/log?id=`: one stored row in the API's shape. A body is shown as its UTF-8 text,
/// at most `ShownBody.MaxTextBytes` of it; a binary one (an mp3, a file) as no text, flagged,
/// with its size; a body that was not recorded is null.
internal static class LogDetailReport
{
    public static LogDetailJson Of(StoredLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var e = log.Exchange;
        var usage = e.Usage;
        // The request's content type is not stored: its bytes alone decide.
        var request = ShownBody.Of(e.RequestBody, contentType: null);
        var response = ShownBody.Of(e.ResponseBody, e.ResponseContentType);
        return new LogDetailJson(
            e.Id, e.StartedAt.ToUnixTimeMilliseconds(), e.EffectiveModel, e.Path, e.Status,
            e.DurationMs,
            usage?.TotalTokens, log.RequestPreview, log.ResponsePreview, e.Provider, e.ClientKey,
            e.Stream,
            e.Cache == CacheStatus.Hit, e.Method, EndpointNames.Of(e.Endpoint), e.CostUsd,
            request?.Text, response?.Text,
            [.. e.Attempts.Select(a =>
            new AttemptJson(a.Provider, a.Status, a.Error, a.DurationMs))],
            usage?.PromptTokens, usage?.CompletionTokens, usage?.CachedTokens,
            usage?.CacheWriteTokens, usage?.CacheWrite5mTokens, usage?.CacheWrite1hTokens,
            usage?.ReasoningTokens,
            Name(e.UsageSource), e.RequestedModel, e.EffectiveModel, e.TtfbMs, Name(e.Cache),
            e.CacheSourceId,
            e.ErrorNote, e.ClientClosed, e.Complete, e.RequestBytes, e.ResponseBytes,
            e.RequestBody?.Truncated ?? false, e.ResponseBody?.Truncated ?? false,
            request?.Binary ?? false, response?.Binary ?? false,
            request?.TextTruncated ?? false, response?.TextTruncated ?? false,
            request?.StoredBytes, response?.StoredBytes, log.LegacyId, e.ResolvedModel,
            request?.Lossy ?? false, response?.Lossy ?? false);
    }

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
