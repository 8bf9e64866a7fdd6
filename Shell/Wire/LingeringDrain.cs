using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Menshen.Shell.Wire;

/// An answer that refuses a body the gateway never read (413): the connection closes after it,
/// but the body is first read and dropped for a while, as nginx's lingering close does. Closed
/// at once, a client still writing its body (Node's fetch: the OpenAI and Anthropic SDKs, Claude
/// Code) got a broken pipe instead of the 413, and its SDK sent the whole body again
/// (helper-82: 6 of 6 60 MB uploads).
public static class LingeringDrain
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    // Past this much the client is cut off anyway (helper-83: 5.7 GB drained in 10 s, 6 s of
    // CPU): four times the limit, at least 64 MiB.
    private const long LeastDrained = 64L * 1024 * 1024;

    /// Before the answer starts: it says the connection closes after it.
    public static void CloseAfterAnswer(HttpContext context) =>
        context.Response.Headers.Connection = "close";

    /// After the answer: ends it, then reads what the client still sends, up to 10 s and four
    /// times `limit` (the body limit the answer refused).
    public static async Task DrainAsync(HttpContext context, long limit)
    {
        // A client that asked `Expect: 100-continue` got the 413 instead of the go-ahead: it
        // sends no body, and waiting 10 s for one would only hold the connection.
        if (context.Request.Headers.Expect.ToString().Contains("100-continue",
            StringComparison.OrdinalIgnoreCase))
        {
            await context.Response.CompleteAsync();
            return;
        }
        // The body beyond Kestrel's own limit is read only to be dropped.
        var serverLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (serverLimit is { IsReadOnly: false }) serverLimit.MaxRequestBodySize = null;
        await context.Response.CompleteAsync();
        // Nor does it hold up a stop: the gateway's shutdown ends the drain.
        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()
            ?.ApplicationStopping ?? CancellationToken.None;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, stopping);
        budget.CancelAfter(Budget);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var left = Math.Max(LeastDrained, limit > long.MaxValue / 4 ? long.MaxValue : limit * 4);
        var ended = false;
        try
        {
            int read;
            while (left > 0 && (read = await context.Request.Body.ReadAsync(buffer,
                budget.Token)) > 0)
                left -= read;
            ended = left > 0;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException
            or BadHttpRequestException or InvalidOperationException)
        {
            // the client stopped, was too slow, or the budget ran out
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        // A body still coming is cut off here: Kestrel would otherwise read it on after the
        // request (its own drain, now without a size limit).
        if (!ended) context.Abort();
    }
}
