using System.Buffers;
using System.Globalization;
using Menshen.Core.Caching;
using Menshen.Core.Dialects;
using Menshen.Core.Http;
using Menshen.Shell.Wire;

namespace Menshen.Shell.Caching;

/// Writes a stored answer back: same content type, SSE as SSE (flushed), with X-Cache and Age.
public static class CacheReplay
{
    /// `injectedBy`: the dialect whose usage request the gateway added for this client (its
    /// injected events and parts are left out), or null.
    public static async Task WriteAsync(HttpContext context, CacheEntry entry, Dialect? injectedBy,
        long ageSeconds)
    {
        var response = context.Response;
        response.StatusCode = entry.Status;
        if (entry.ContentType is not null) response.ContentType = entry.ContentType;
        response.Headers["X-Cache"] = "HIT";
        response.Headers.Age = ageSeconds.ToString(CultureInfo.InvariantCulture);
        var isSse = SseContent.Is(entry.ContentType);
        if (isSse) response.Headers.CacheControl = "no-cache";
        var writer = response.BodyWriter;
        if (isSse && injectedBy is not null)
        {
            var filter = new SseEventFilter(injectedBy.IsInjectedEvent, injectedBy.InjectedPart);
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
