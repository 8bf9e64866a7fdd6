using System.Buffers;
using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Dialects;
using Menshen.Core.Reports;
using Menshen.Core.Usage;

namespace Menshen.Shell.Storage;

/// The `requests` row of an exchange: column names, and the values bound in the same order.
internal static class RequestRow
{
    public static readonly string[] Columns =
    [
        "id", "created_at", "client_key", "method", "path", "endpoint", "provider",
        "requested_model", "model", "stream", "status", "duration_ms", "ttfb_ms", "attempts",
        "error",
        "client_closed", "complete", "request_bytes", "response_bytes", "prompt_tokens",
        "completion_tokens", "total_tokens", "cached_tokens", "reasoning_tokens", "usage_source",
        "cost_usd", "cache_status", "cache_source_id", "cache_key", "cache_eligible",
        "content_type",
        "request_preview", "response_preview", "legacy_id", "resolved_model",
        "cache_write_5m_tokens", "cache_write_1h_tokens", "response_id",
    ];

    /// The columns of schema version 1 (migration 2 imports into them, before version 4).
    public static string[] V1Columns => Columns[..34];

    /// What the running sums read of the row `Values` writes (ReportRows.Read of it, without
    /// reading it back): keep the two in step.
    public static ReportRow Report(Exchange e)
    {
        var usage = e.UsageSource == UsageSource.None ? null : e.Usage;
        return new ReportRow(
            e.StartedAt.ToUnixTimeMilliseconds(), e.EffectiveModel, e.Provider, e.ClientKey,
            e.Cache == CacheStatus.Hit,
            e.Status, e.Note.Class, usage?.PromptTokens, usage?.CompletionTokens,
            usage?.TotalTokens,
            usage?.CachedTokens, usage?.ReasoningTokens, (double?)e.CostUsd, e.DurationMs,
            usage?.CacheWrite5mTokens, usage?.CacheWrite1hTokens);
    }

    /// Binds parameters 1..38 in <see cref="Columns"/> order; `scratch` holds the attempts JSON.
    public static void Bind<TRow>(TRow row, Exchange e, string? legacyId,
        ArrayBufferWriter<byte> scratch) where TRow : IRowBinder
    {
        row.Integer(1, e.Id);
        row.Integer(2, e.StartedAt.ToUnixTimeMilliseconds());
        row.Text(3, e.ClientKey);
        row.Text(4, e.Method);
        row.Text(5, e.Path);
        row.Text(6, EndpointNames.Of(e.Endpoint));
        row.Text(7, e.Provider);
        row.Text(8, e.RequestedModel);
        row.Text(9, e.EffectiveModel);
        row.Bool(10, e.Stream);
        row.Integer(11, e.Status);
        row.Real(12, e.DurationMs);
        row.Real(13, e.TtfbMs);
        row.Utf8(14, AttemptJson.Write(e.Attempts, scratch));
        row.Text(15, e.ErrorNote);
        row.Bool(16, e.ClientClosed);
        row.Bool(17, e.Complete);
        row.Integer(18, e.RequestBytes);
        row.Integer(19, e.ResponseBytes);
        BindUsage(row, e);
        row.Real(26, (double?)e.CostUsd);
        row.Integer(27, (int)e.Cache);
        row.Integer(28, e.CacheSourceId);
        row.Text(29, e.CacheKey);
        row.Bool(30, ReplayEligibility.Of(e));
        row.Text(31, e.ResponseContentType);
        row.Text(32, e.RequestBody is { } request ? SafeRequestPreview(e, request) : null);
        // The preview reads the whole answer where the log shows only its first part (a
        // replayable answer over the log's cap): cut, it read as raw JSON (helper-59).
        row.Text(33, e.ResponseBodyForLog && e.ResponseBody is { } response
            ? SafeResponsePreview(e, response)
            : null);
        row.Text(34, legacyId);
        if (row.Count >= 35) row.Text(35, e.ResolvedModel);
        if (row.Count >= 37) BindCacheWrites(row, e);
        if (row.Count >= 38) row.Text(38, e.ResponseId);
    }

    private static void BindCacheWrites<TRow>(TRow row, Exchange e) where TRow : IRowBinder
    {
        var usage = e.UsageSource == UsageSource.None ? null : e.Usage;
        row.Integer(36, usage?.CacheWrite5mTokens);
        row.Integer(37, usage?.CacheWrite1hTokens);
    }

    // Previews read bodies that clients and upstreams control. Core's previews are total (property
    // tested), and this is the net under them: a preview that still fails costs the preview, never
    // the record.
    // The endpoint's dialect knows how its bodies read: the writer never names a dialect. A body
    // that is no text (an mp3, a file) previews as "[binary, N bytes]" (`BodyPreview`), never
    // as its bytes decoded; the request's content type is not kept, so its bytes decide.
    private static string? SafeRequestPreview(Exchange e, CapturedBody body)
    {
        try
        {
            return BodyPreview.Of(body, null, DialectTable.Of(e.Endpoint).RequestPreview);
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static string? SafeResponsePreview(Exchange e, CapturedBody body)
    {
        try
        {
            var preview = DialectTable.Of(e.Endpoint).ResponsePreview;
            return BodyPreview.Of(body, e.ResponseContentType,
                bytes => preview(bytes, e.ResponseContentType));
        }
        catch (Exception)
        {
            return null;
        }
    }

    // Usage is all-or-nothing: a row either has a readable usage or NULL tokens and source 0.
    private static void BindUsage<TRow>(TRow row, Exchange e) where TRow : IRowBinder
    {
        var usage = e.UsageSource == UsageSource.None ? null : e.Usage;
        row.Integer(20, usage?.PromptTokens);
        row.Integer(21, usage?.CompletionTokens);
        row.Integer(22, usage?.TotalTokens);
        row.Integer(23, usage?.CachedTokens);
        row.Integer(24, usage?.ReasoningTokens);
        row.Integer(25, (int)(usage is null ? UsageSource.None : e.UsageSource));
    }
}
