using Menshen.Simulator.Replies;

namespace Menshen.Simulator.Http;

/// <summary>Sends a reply with the request's timing: header delay, then frames at the chunk interval.</summary>
internal static class ReplyWriter
{
    public static Task DelayAsync(int milliseconds, CancellationToken cancellationToken) =>
        milliseconds > 0 ? Task.Delay(milliseconds, cancellationToken) : Task.CompletedTask;

    /// <summary>Waits the header delay, then sends the reply (cut short when drop-after is set).</summary>
    public static async Task WriteAsync(
        HttpContext context, SimReply reply, RequestSettings settings, RecordedRequest? recorded)
    {
        await DelayAsync(settings.HeaderDelayMs, context.RequestAborted);
        if (settings.DropAfter is { } dropAfter)
            await DroppingWriter.WriteAsync(context, reply, dropAfter, settings.ChunkIntervalMs, recorded);
        else if (reply.IsStream)
            await StreamAsync(context, reply, settings);
        else
            await WriteNowAsync(context, reply);
    }

    /// <summary>Sends a JSON reply at once, without the timing knobs.</summary>
    public static async Task WriteNowAsync(HttpContext context, SimReply reply)
    {
        var response = context.Response;
        response.StatusCode = reply.Status;
        response.ContentType = reply.ContentType;
        response.ContentLength = reply.Frames[0].Length;
        if (!HttpMethods.IsHead(context.Request.Method))
            await response.BodyWriter.WriteAsync(reply.Frames[0], context.RequestAborted);
    }

    private static async Task StreamAsync(HttpContext context, SimReply reply, RequestSettings settings)
    {
        var response = context.Response;
        var aborted = context.RequestAborted;
        response.StatusCode = reply.Status;
        response.ContentType = reply.ContentType;
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(aborted);
        for (var i = 0; i < reply.Frames.Count; i++)
        {
            // The wait comes before every frame, the first too: like a model's time to first token.
            await DelayAsync(settings.ChunkIntervalMs, aborted);
            if (i == settings.StallAfter) await DelayAsync(settings.StallMs, aborted);
            // PipeWriter.WriteAsync flushes: each frame leaves as its own chunk.
            var flush = await response.BodyWriter.WriteAsync(reply.Frames[i], aborted);
            if (flush.IsCompleted || flush.IsCanceled)
                return;
        }
    }
}
