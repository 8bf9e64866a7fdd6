namespace Menshen.Simulator.Replies;

/// <summary>
/// A complete reply, ready to send: a JSON body is one frame, a stream is one frame per SSE event.
/// Frames are immutable once built, so bench mode can share a reply between requests.
/// </summary>
internal sealed record SimReply(int Status, string ContentType, IReadOnlyList<byte[]> Frames, bool IsStream)
{
    public const string JsonType = "application/json";
    public const string EventStreamType = "text/event-stream; charset=utf-8";

    public static SimReply Json(int status, byte[] body) => new(status, JsonType, [body], IsStream: false);

    public static SimReply Stream(IReadOnlyList<byte[]> frames) => new(200, EventStreamType, frames, IsStream: true);
}
