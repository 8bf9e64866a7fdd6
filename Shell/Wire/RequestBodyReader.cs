using Menshen.Core.Errors;

namespace Menshen.Shell.Wire;

/// Reads a whole request body, bounded by the configured limit (413 beyond) and by Kestrel's
/// minimum data rate against slow clients (408); malformed framing is the client's fault (400).
public static class RequestBodyReader
{
    public readonly record struct Result(ReadOnlyMemory<byte> Bytes, GatewayError? Error);

    public static async Task<Result> ReadAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (request.ContentLength > limit) return TooLarge(limit);
        try
        {
            if (request.ContentLength is { } length) return new(await ReadExactlyAsync(context,
                (int)length), null);
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
        catch (BadHttpRequestException ex)
        {
            return new(default, FramingError(ex));
        }
        catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return new(default, CutShort);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            return new(default, new GatewayError(GatewayErrorKind.RequestTimeout,
                "The connection closed before the request body was read."));
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadExactlyAsync(HttpContext context,
        int length)
    {
        var bytes = new byte[length];
        await context.Request.Body.ReadExactlyAsync(bytes, context.RequestAborted);
        return bytes;
    }

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
