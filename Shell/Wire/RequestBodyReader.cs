using Menshen.Core.Errors;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Menshen.Shell.Wire;

/// Reads a whole request body, bounded by the configured limit (413 beyond) and by Kestrel's
/// minimum data rate against slow clients (408); malformed framing is the client's fault (400).
public static class RequestBodyReader
{
    /// `ClientGone`: the client's connection ended before its body did (its `Error` is then
    /// <see cref="ClientLeft"/>): nobody is there to answer, and the row says 499, as a
    /// passthrough request cut the same way does (helper-82: a 400 "malformed" row before).
    public readonly record struct Result(
        ReadOnlyMemory<byte> Bytes, GatewayError? Error, bool ClientGone = false);

    // Kestrel's words when the connection ends inside a body (its reason code is internal).
    private const string UnexpectedEnd = "Unexpected end of request content.";

    /// `drained`: a 413 for this body is answered with a lingering drain (LingeringDrain),
    /// which must read past Kestrel's own limit, so a chunked body reads under this limit alone.
    // A ValueTask: a small body is read at once, and a Task of it was an object per request.
    public static async ValueTask<Result> ReadAsync(HttpContext context, long limit,
        bool drained = false)
    {
        var request = context.Request;
        if (request.ContentLength > limit) return TooLarge(limit);
        try
        {
            if (request.ContentLength is { } length)
            {
                // Not zeroed first: every byte is read into it (a megabyte's memset per agent
                // request).
                var bytes = GC.AllocateUninitializedArray<byte>((int)length);
                await request.Body.ReadExactlyAsync(bytes, context.RequestAborted);
                return new(bytes, null);
            }
            // The loop below holds the limit, so Kestrel's is lifted: past it, a 413's lingering
            // drain can read on (helper-83: a chunked upload still got a broken pipe).
            if (drained && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is
                { IsReadOnly: false } sizeLimit)
                sizeLimit.MaxRequestBodySize = null;
            using var copy = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                if (copy.Length + read > limit) return TooLarge(limit);
                copy.Write(buffer, 0, read);
            }
            return new(copy.GetBuffer().AsMemory(0, (int)copy.Length), null);
        }
        catch (BadHttpRequestException ex) when (
            ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (Exception ex) when (EndedByClient(ex, context))
        {
            return Gone;
        }
        catch (BadHttpRequestException ex)
        {
            return new(default, FramingError(ex));
        }
        catch (IOException)
        {
            return new(default, CutShort);
        }
    }

    /// Whether reading the body failed because the client's connection ended inside it: Kestrel's
    /// unexpected end (its reason code is internal, its words are not), a reset, or the abort.
    public static bool EndedByClient(Exception fault, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return fault switch
        {
            BadHttpRequestException bad => bad.Message == UnexpectedEnd,
            ConnectionResetException or OperationCanceledException => true,
            IOException => context.RequestAborted.IsCancellationRequested,
            _ => false,
        };
    }

    public static readonly GatewayError ClientLeft = new(GatewayErrorKind.RequestTimeout,
        "The connection closed before the request body was read.");

    private static readonly Result Gone = new(default, ClientLeft, ClientGone: true);

    /// The body's framing broke while the client is still there (a chunk size too large to read).
    public static readonly GatewayError CutShort = new(GatewayErrorKind.BadRequest,
        "The request body is malformed or was cut short.");

    /// Kestrel's verdict on a body it could not read: too slow (408), or malformed (400).
    public static GatewayError FramingError(BadHttpRequestException ex) =>
        ex.StatusCode == StatusCodes.Status408RequestTimeout
            ? new GatewayError(
                GatewayErrorKind.RequestTimeout, "The request body arrived too slowly.")
            : new GatewayError(GatewayErrorKind.BadRequest,
                $"The request body is malformed or was cut short ({ex.Message})");

    private static Result TooLarge(long limit) => new(default, TooLargeError(limit));

    public static GatewayError TooLargeError(long limit) => new(GatewayErrorKind.BodyTooLarge,
        $"The request body is larger than this gateway accepts ({limit} bytes; "
        + "see [server] max_request_body_bytes).");
}
