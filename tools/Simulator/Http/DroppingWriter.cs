using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Menshen.Simulator.Replies;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Menshen.Simulator.Http;

/// <summary>
/// Sends the start of a reply and then breaks the connection: a stream stops after N frames, a JSON body
/// after half its bytes. The client sees a truncated body (no final chunk, or fewer bytes than
/// Content-Length), then end of connection.
/// </summary>
/// <remarks>
/// Kestrel's <c>HttpContext.Abort</c> discards output it has not yet handed to the socket, and a flush does
/// not wait for that, so frames "sent" through Kestrel could vanish. This writer therefore writes the
/// HTTP/1.1 response itself on the connection's socket, where a completed send is in the kernel, then
/// half-closes the socket (FIN after the data) and aborts the Kestrel connection.
/// </remarks>
internal static class DroppingWriter
{
    public static async Task WriteAsync(
        HttpContext context, SimReply reply, int dropAfter, int chunkIntervalMs, RecordedRequest? recorded)
    {
        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (socket is not null)
            await SendTruncatedAsync(socket, reply, dropAfter, chunkIntervalMs, context.RequestAborted);
        recorded?.MarkDropped();
        HalfClose(socket);
        context.Abort();
    }

    private static void HalfClose(Socket? socket)
    {
        try
        {
            socket?.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client is already gone: the connection is broken either way.
        }
    }

    private static async Task SendTruncatedAsync(
        Socket socket, SimReply reply, int dropAfter, int chunkIntervalMs, CancellationToken aborted)
    {
        await SendAsync(socket, Head(reply), aborted);
        if (!reply.IsStream)
        {
            await SendAsync(socket, reply.Frames[0].AsMemory(0, reply.Frames[0].Length / 2), aborted);
            return;
        }
        var frames = Math.Min(dropAfter, reply.Frames.Count);
        for (var i = 0; i < frames; i++)
        {
            await ReplyWriter.DelayAsync(chunkIntervalMs, aborted);
            await SendAsync(socket, Chunk(reply.Frames[i]), aborted);
        }
    }

    private static byte[] Head(SimReply reply)
    {
        var framing = reply.IsStream
            ? "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n"
            : $"Content-Length: {reply.Frames[0].Length}\r\n";
        var head = string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {reply.Status} {ReasonPhrases.GetReasonPhrase(reply.Status)}\r\n" +
            $"Content-Type: {reply.ContentType}\r\n{framing}\r\n");
        return Encoding.ASCII.GetBytes(head);
    }

    private static byte[] Chunk(byte[] frame)
    {
        var size = Encoding.ASCII.GetBytes(frame.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n");
        return [.. size, .. frame, .. "\r\n"u8];
    }

    private static async Task SendAsync(Socket socket, ReadOnlyMemory<byte> bytes, CancellationToken aborted)
    {
        while (!bytes.IsEmpty)
            bytes = bytes[await socket.SendAsync(bytes, SocketFlags.None, aborted)..];
    }
}
