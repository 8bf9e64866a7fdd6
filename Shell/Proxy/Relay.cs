using Menshen.Core.Config;
using Menshen.Core.Http;
using Menshen.Core.Pricing;
using Menshen.Shell.Audit;

namespace Menshen.Shell.Proxy;

/// Relays a chosen upstream answer to the client and notes what happened for the audit.
public static class Relay
{
    public static async Task ForwardAsync(
        HttpContext context, AttemptResult answer, bool hideUsageChunk, ExchangeDraft draft, GatewayConfig config)
    {
        var response = answer.Response!;
        var contentType = response.Content.Headers.ContentType?.MediaType;
        var isSse = string.Equals(contentType, "text/event-stream", StringComparison.OrdinalIgnoreCase);
        var filter = hideUsageChunk && isSse ? new SseUsageChunkFilter() : null;
        ResponseRelay.WriteHead(context.Response, response, lengthMayChange: filter is not null);
        draft.Status = (int)response.StatusCode;
        draft.ResponseContentType = response.Content.Headers.ContentType?.ToString();
        draft.LogResponseBody = config.Logging.LogResponseBody;
        draft.MarkFirstByte();

        var capture = new BodyCapture(enabled: true, CaptureCap(config), response.Content.Headers.ContentLength);
        var tap = new UsageTap(draft.Endpoint, isSse, capture);
        // A compressed body is relayed as it came and read decoded (usage, stored body, preview).
        var coding = ContentCodings.Of(response.Content.Headers.ContentEncoding);
        var observed = DecodingTap.For(tap, coding);
        RelayOutcome outcome;
        try
        {
            outcome = await ResponseRelay.RelayBodyAsync(context, answer.Body!, answer.Buffer,
                answer.FirstCount, answer.Timer, filter, observed);
        }
        finally
        {
            (observed as IDisposable)?.Dispose();
        }
        draft.ResponseBytes = observed is DecodingTap d ? d.RawBytes : capture.TotalBytes;
        draft.ResponseBody = capture.ToCaptured();
        Note(draft, outcome);
        var (usage, source, streamCompleted) = tap.Finish();
        draft.Usage = usage;
        draft.UsageSource = source;
        draft.Complete &= streamCompleted;
        if (usage is not null)
            draft.CostUsd = CostCalculator.Cost(usage, PriceBook.Find(config.Pricing, draft.EffectiveModel));
    }

    /// One capture serves the audit log, usage parsing and the cache, so it holds the larger cap.
    private static long CaptureCap(GatewayConfig config)
    {
        var log = config.Logging.MaxBodyBytes;
        var cache = config.Cache.Enabled ? config.Cache.MaxBodyBytes : 0;
        return log == 0 || (config.Cache.Enabled && cache == 0) ? 0 : Math.Max(log, cache);
    }

    private static void Note(ExchangeDraft draft, RelayOutcome outcome)
    {
        switch (outcome)
        {
            case RelayOutcome.Completed:
                draft.Complete = true;
                break;
            case RelayOutcome.ClientClosed:
                draft.ClientClosed = true;
                draft.ErrorNote = "client_closed";
                break;
            case RelayOutcome.UpstreamTimedOut:
                draft.ErrorNote = "upstream idle timeout mid-stream";
                break;
            default:
                draft.ErrorNote = "upstream failed mid-stream";
                break;
        }
    }
}
