using System.Runtime.CompilerServices;
using System.Buffers;
using Menshen.Core.Exchanges;
using Menshen.Core.Http;
using Menshen.Shell.Taps;
using Menshen.Shell.Wire;
using Microsoft.Net.Http.Headers;

namespace Menshen.Shell.Proxy;

/// Forwards an upstream response: status, headers, then each body chunk as it arrives, flushed.
public static class ResponseRelay
{
    public const int ChunkSize = 16 * 1024;

    public static void WriteHead(HttpResponse response, HttpResponseMessage upstream,
        bool lengthMayChange)
    {
        response.StatusCode = (int)upstream.StatusCode;
        CopyHeaders(response.Headers, upstream.Headers);
        CopyHeaders(response.Headers, upstream.Content.Headers);
        // One header line is its own string; several are joined (rare, and then allocated).
        response.ContentLength = upstream.Content.Headers.NonValidated.TryGetValues(
            HeaderNames.ContentLength, out var lengths)
            ? ResponseHeaderPolicy.ClientContentLength(lengths.ToString(),
                upstream.Headers.NonValidated.Contains(HeaderNames.TransferEncoding),
                lengthMayChange, response.StatusCode)
            : null;
    }

    /// How a body relay ended, whether every chunk written was flushed to the client before
    /// it left (`DeliveredAll`), and the bytes written (without a filter: the body's own).
    public readonly record struct RelayedBody(RelayEnd End, bool DeliveredAll, long SentBytes);

    /// Forwards `first` and then the rest of `body`; never throws for upstream or client failures.
    /// Its state machine comes from a pool, as the other steps of every request's path do:
    /// each was an object per request (`docs/performance.md`, "Allocations").
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<RelayedBody> RelayBodyAsync(
        HttpContext context, Stream body, byte[] buffer, int first, IdleTimer timer,
        SseEventFilter? filter, IResponseTap tap)
    {
        var client = context.Response.BodyWriter;
        var count = first;
        long sent = 0;
        var unflushed = false;
        try
        {
            while (count > 0)
            {
                tap.OnChunk(buffer.AsSpan(0, count));
                timer.Pause();
                if (filter is null) client.Write(buffer.AsSpan(0, count));
                else filter.Write(buffer.AsSpan(0, count), client);
                (sent, unflushed) = (sent + count, true);
                var flushed = await client.FlushAsync(context.RequestAborted);
                if (flushed.IsCanceled || flushed.IsCompleted)
                    return new(RelayEnd.ClientClosed, !unflushed, sent);
                unflushed = false;
                count = await ReadAsync(body, buffer, timer);
            }
            // Only what the filter still held needs a last flush: with nothing left, a client
            // that left after the last chunk has its whole answer (helper-66).
            if (filter is not null && filter.Complete(client))
            {
                unflushed = true;
                var flushed = await client.FlushAsync(context.RequestAborted);
                if (flushed.IsCanceled || flushed.IsCompleted)
                    return new(RelayEnd.ClientClosed, !unflushed, sent);
                unflushed = false;
            }
            return new(RelayEnd.Completed, !unflushed, sent);
        }
        catch (Exception) when (timer.ClientAborted)
        {
            return new(RelayEnd.ClientClosed, !unflushed, sent);
        }
        catch (Exception ex) when (timer.Stopped && ex is IOException or HttpRequestException
            or OperationCanceledException)
        {
            return new(RelayEnd.GatewayStopped, !unflushed, sent);
        }
        catch (OperationCanceledException) when (timer.TimedOut)
        {
            return new(RelayEnd.UpstreamTimedOut, !unflushed, sent);
        }
        catch (Exception ex) when (
            ex is IOException or HttpRequestException or OperationCanceledException)
        {
            return new(RelayEnd.UpstreamFailed, !unflushed, sent);
        }
    }

    /// One upstream read bounded by the idle timer.
    public static async ValueTask<int> ReadAsync(Stream body, byte[] buffer, IdleTimer timer)
    {
        timer.Restart();
        var count = await body.ReadAsync(buffer, timer.Token);
        timer.Pause();
        return count;
    }

    private static void CopyHeaders(
        IHeaderDictionary target, System.Net.Http.Headers.HttpHeaders source)
    {
        // Almost no upstream lists extra hop-by-hop headers; parse the list only when there is one.
        var connectionTokens = source.NonValidated.TryGetValues(HeaderNames.Connection,
            out var connection)
            ? RequestHeaderPolicy.ConnectionTokens(connection.ToString())
            : null;
        foreach (var (name, values) in source.NonValidated)
        {
            if (connectionTokens is null ? !ResponseHeaderPolicy.ShouldForward(name)
                : !ResponseHeaderPolicy.ShouldForward(name, connectionTokens)) continue;
            // A value the server may not send (a raw UTF-8 file name, a control character) is
            // dropped: set, it threw out of the relay, a 500 that lost the attempt.
            if (!CanForward(values)) continue;
            // The upstream's X-Request-Id must not replace the gateway's (the audit id).
            target[ResponseHeaderPolicy.ForwardedName(name)] =
                values.Count == 1 ? values.ToString() : values.ToArray();
        }
    }

    private static bool CanForward(System.Net.Http.Headers.HeaderStringValues values)
    {
        foreach (var value in values)
            if (!HeaderValueCheck.CanForward(value)) return false;
        return true;
    }
}
