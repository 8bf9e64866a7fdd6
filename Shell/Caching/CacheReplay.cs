using System.Buffers;
using System.Globalization;
using Menshen.Shell.Proxy;

namespace Menshen.Shell.Caching;

/// Writes a stored answer back: same content type, SSE as SSE (flushed), with X-Cache and Age.
public static class CacheReplay
{
    public static async Task WriteAsync(HttpContext context, CacheEntry entry, bool hideUsageChunk, long ageSeconds)
    {
        var response = context.Response;
        response.StatusCode = entry.Status;
        if (entry.ContentType is not null) response.ContentType = entry.ContentType;
        response.Headers["X-Cache"] = "HIT";
        response.Headers.Age = ageSeconds.ToString(CultureInfo.InvariantCulture);
        var isSse = entry.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;
        if (isSse) response.Headers.CacheControl = "no-cache";
        var writer = response.BodyWriter;
        if (isSse && hideUsageChunk)
        {
            var filter = new SseUsageChunkFilter();
            filter.Write(entry.Body.Span, writer);
            filter.Complete(writer);
        }
        else
        {
            if (!isSse) response.ContentLength = entry.Body.Length;
            writer.Write(entry.Body.Span);
        }
        await writer.FlushAsync(context.RequestAborted);
    }
}
