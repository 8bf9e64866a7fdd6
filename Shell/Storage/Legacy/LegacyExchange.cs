using System.Text;
using System.Text.Json;
using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Shell.Storage.Legacy;

/// Turns an ai-menshen row into an <see cref="Exchange"/>, so imported rows are written by the
/// same code as new ones. What ai-menshen did not record is left empty, never invented — except
/// the method, which it did not keep (see docs/storage.md).
internal static class LegacyExchange
{
    public static Exchange Of(LegacyRow row, long id, long? cacheSourceId)
    {
        var endpoint = EndpointOf(row.Path);
        var requestBody = Body(row.RequestBody);
        var stream = requestBody is not null && AsksForStream(requestBody.Bytes);
        var usage = UsageOf(row);
        return new Exchange
        {
            Id = id,
            StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAtMs),
            Method = requestBody is not null || endpoint != EndpointKind.Passthrough ? "POST"
            : "GET",
            Path = row.Path,
            Endpoint = endpoint,
            RequestedModel = Blank(row.Model),
            EffectiveModel = Blank(row.Model),
            Stream = stream,
            Status = row.Status ?? 0,
            DurationMs = row.DurationMs ?? 0,
            RequestBody = requestBody,
            ResponseBody = Body(row.ResponseBody),
            RequestBytes = requestBody?.TotalBytes ?? 0,
            ResponseBytes = Encoding.UTF8.GetByteCount(row.ResponseBody ?? ""),
            Usage = usage,
            UsageSource = usage is null ? UsageSource.None : stream ? UsageSource.Stream
            : UsageSource.Body,
            Cache = row.FromCache ? CacheStatus.Hit : CacheStatus.None,
            CacheSourceId = row.FromCache ? cacheSourceId : null,
            // Kept for reference only: ai-menshen cached truncated streams, so nothing imported
            // is ever replayed.
            CacheKey = Blank(row.CacheKey),
            CacheEligible = false,
        };
    }

    /// ai-menshen audited only the bare paths; `/v1/…` is accepted too, like the gateway does.
    public static EndpointKind EndpointOf(string path)
    {
        var bare = path.StartsWith("/v1/", StringComparison.Ordinal) ? path[3..] : path;
        return EndpointNames.Parse(bare.TrimStart('/').Split('?')[0]);
    }

    private static TokenUsage? UsageOf(LegacyRow row)
    {
        if (!row.HasUsage
            || row is
            {
                PromptTokens: null, CompletionTokens: null,
                TotalTokens: null
            }) return null;
        var prompt = row.PromptTokens ?? 0;
        var completion = row.CompletionTokens ?? 0;
        return new TokenUsage(prompt, completion, row.TotalTokens ?? prompt + completion,
            row.CachedTokens, null);
    }

    private static CapturedBody? Body(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var bytes = Encoding.UTF8.GetBytes(text);
        return new CapturedBody(bytes, bytes.Length);
    }

    private static bool AsksForStream(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("stream", out var stream)
                && stream.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
