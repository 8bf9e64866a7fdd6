using Menshen.Simulator.Replies;

namespace Menshen.Simulator.Http;

/// <summary>Sends a reply with the request's timing: header delay, chunk interval, drop-after.</summary>
internal static class ReplyWriter
{
    public static Task DelayAsync(int milliseconds, CancellationToken cancellationToken) =>
        milliseconds > 0 ? Task.Delay(milliseconds, cancellationToken) : Task.CompletedTask;

    /// <summary>Waits the header delay, then sends the reply, stream frames flushed one by one.</summary>
    public static async Task WriteAsync(
        HttpContext context, SimReply reply, RequestSettings settings, RecordedRequest? recorded)
    {
        var aborted = context.RequestAborted;
        await DelayAsync(settings.HeaderDelayMs, aborted);
        var response = context.Response;
        response.StatusCode = reply.Status;
        response.ContentType = reply.ContentType;
        if (reply.IsStream)
            await StreamAsync(context, reply.Frames, settings, recorded);
        else
            await BodyAsync(context, reply.Frames[0], settings.DropAfter.HasValue, recorded);
    }

    /// <summary>Sends a reply at once, ignoring the timing knobs (404, 405).</summary>
    public static Task WriteNowAsync(HttpContext context, SimReply reply)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        context.Response.ContentLength = reply.Frames[0].Length;
        return context.Response.Body.WriteAsync(reply.Frames[0], context.RequestAborted).AsTask();
    }

    private static async Task BodyAsync(HttpContext context, byte[] body, bool drop, RecordedRequest? recorded)
    {
        context.Response.ContentLength = body.Length;
        if (HttpMethods.IsHead(context.Request.Method))
            return;
        // A dropped JSON reply stops half-way: the client sees fewer bytes than Content-Length promised.
        var length = drop ? body.Length / 2 : body.Length;
        await context.Response.BodyWriter.WriteAsync(body.AsMemory(0, length), context.RequestAborted);
        if (drop)
            Drop(context, recorded);
    }

    private static async Task StreamAsync(
        HttpContext context, IReadOnlyList<byte[]> frames, RequestSettings settings, RecordedRequest? recorded)
    {
        var response = context.Response;
        var aborted = context.RequestAborted;
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(aborted);
        await response.BodyWriter.FlushAsync(aborted);
        var sent = Math.Min(settings.DropAfter ?? frames.Count, frames.Count);
        for (var i = 0; i < sent; i++)
        {
            // The wait comes before every frame, the first too: like a model's time to first token.
            await DelayAsync(settings.ChunkIntervalMs, aborted);
            var flush = await response.BodyWriter.WriteAsync(frames[i], aborted);
            if (flush.IsCompleted || flush.IsCanceled)
                return;
        }
        if (settings.DropAfter.HasValue)
        {
            // Let the frames already written reach the client before the connection is cut.
            if (sent > 0) await Task.Delay(50, CancellationToken.None);
            Drop(context, recorded);
        }
    }

    // Aborting the connection (rather than completing the response) leaves the chunked body unterminated.
    private static void Drop(HttpContext context, RecordedRequest? recorded)
    {
        recorded?.MarkDropped();
        context.Abort();
    }
}
