using System.Buffers;
using Menshen.Simulator.Replies;

namespace Menshen.Simulator.Http;

/// <summary>The passthrough test endpoints: <c>echo</c> streams the body back, <c>echo/headers</c> lists headers.</summary>
internal static class EchoHandler
{
    /// <summary>Copies the request body to the response as it arrives, flushing each piece.</summary>
    public static async Task EchoAsync(HttpContext context, RequestSettings settings, RecordedRequest? recorded)
    {
        var aborted = context.RequestAborted;
        await ReplyWriter.DelayAsync(settings.HeaderDelayMs, aborted);
        if (settings.FailStatus is { } status)
        {
            await ReplyWriter.WriteNowAsync(context, ErrorReplies.Simulated(status));
            return;
        }
        var request = context.Request;
        var response = context.Response;
        response.ContentType = request.ContentType;
        response.ContentLength = request.ContentLength;
        var copy = recorded is null ? null : new ArrayBufferWriter<byte>();
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(aborted);
            foreach (var segment in read.Buffer)
            {
                copy?.Write(segment.Span);
                await response.BodyWriter.WriteAsync(segment, aborted);
            }
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
                break;
        }
        recorded?.SetBody(copy!.WrittenSpan.ToArray());
    }

    /// <summary>The received request headers as one JSON object, names in lower case.</summary>
    public static SimReply Headers(HttpRequest request) =>
        SimReply.Json(200, Frames.Json(request.Headers, static (w, headers) =>
        {
            foreach (var header in headers)
                w.WriteString(header.Key.ToLowerInvariant(), header.Value.ToString());
        }));
}
