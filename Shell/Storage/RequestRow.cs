using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Reports;
using Menshen.Core.Usage;

namespace Menshen.Shell.Storage;

/// The `requests` row of an exchange: column names and the values in the same order.
internal static class RequestRow
{
    public static readonly string[] Columns =
    [
        "id", "created_at", "client_key", "method", "path", "endpoint", "provider",
        "requested_model", "model", "stream", "status", "duration_ms", "ttfb_ms", "attempts", "error",
        "client_closed", "complete", "request_bytes", "response_bytes", "prompt_tokens",
        "completion_tokens", "total_tokens", "cached_tokens", "reasoning_tokens", "usage_source",
        "cost_usd", "cache_status", "cache_source_id", "cache_key", "cache_eligible", "content_type",
        "request_preview", "response_preview", "legacy_id",
    ];

    /// What the running sums read of the row `Values` writes (ReportRows.Read of it, without
    /// reading it back): keep the two in step.
    public static ReportRow Report(Exchange e)
    {
        var usage = e.UsageSource == UsageSource.None ? null : e.Usage;
        return new ReportRow(
            e.StartedAt.ToUnixTimeMilliseconds(), e.EffectiveModel, e.Provider, e.ClientKey, e.Cache == CacheStatus.Hit,
            e.Status, e.ErrorNote is not null, usage?.PromptTokens, usage?.CompletionTokens, usage?.TotalTokens,
            usage?.CachedTokens, usage?.ReasoningTokens, (double?)e.CostUsd, e.DurationMs);
    }

    public static object?[] Values(Exchange e, string? legacyId)
    {
        // Usage is all-or-nothing: a row either has a readable usage or NULL tokens and source 0.
        var usage = e.UsageSource == UsageSource.None ? null : e.Usage;
        var source = usage is null ? UsageSource.None : e.UsageSource;
        return
        [
            e.Id, e.StartedAt.ToUnixTimeMilliseconds(), e.ClientKey, e.Method, e.Path,
            EndpointNames.Of(e.Endpoint), e.Provider, e.RequestedModel, e.EffectiveModel, e.Stream,
            e.Status, e.DurationMs, e.TtfbMs, AttemptJson.Serialize(e.Attempts), e.ErrorNote,
            e.ClientClosed, e.Complete, e.RequestBytes, e.ResponseBytes, usage?.PromptTokens,
            usage?.CompletionTokens, usage?.TotalTokens, usage?.CachedTokens, usage?.ReasoningTokens,
            (int)source, (double?)e.CostUsd, (int)e.Cache, e.CacheSourceId, e.CacheKey,
            ReplayEligibility.Of(e), e.ResponseContentType,
            e.RequestBody is { } request ? RequestPreview.Of(request.Bytes) : null,
            e.ResponseBodyForLog && e.ResponseBody is { } response ? ResponsePreview.Of(response.Bytes, e.ResponseContentType) : null,
            legacyId,
        ];
    }
}
