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

    /// Before the answer starts: it says the connection closes after it.
    public static void CloseAfterAnswer(HttpContext context) =>
        context.Response.Headers.Connection = "close";

    /// After the answer: ends it, then reads what the client still sends, up to 10 s.
    public static async Task DrainAsync(HttpContext context)
    {
        // The body beyond Kestrel's own limit is read only to be dropped.
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false }) limit.MaxRequestBodySize = null;
        await context.Response.CompleteAsync();
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        budget.CancelAfter(Budget);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await context.Request.Body.ReadAsync(buffer, budget.Token) > 0)
            {
                // dropped
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException
            or BadHttpRequestException or InvalidOperationException)
        {
            // the client stopped, was too slow, or the budget ran out: the connection closes
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
