using Menshen.Core.Dialects;
using Menshen.Core.Errors;

namespace Menshen.Shell.Wire;

/// Writes gateway-made errors in the shape of the request's dialect (OpenAI's by default).
public static class GatewayErrors
{
    public static Task WriteAsync(HttpContext context, GatewayErrorKind kind, string message) =>
        WriteAsync(context, new GatewayError(kind, message));

    public static Task WriteAsync(HttpContext context, GatewayError error,
        Dialect? dialect = null) => SendAsync(context, error, dialect);

    /// Writes the error and returns the body the client was sent, for the audit (empty when
    /// nothing was: the answer had already begun).
    public static async Task<ReadOnlyMemory<byte>> SendAsync(HttpContext context,
        GatewayError error, Dialect? dialect = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var response = context.Response;
        if (response.HasStarted) return ReadOnlyMemory<byte>.Empty;
        var kind = error.Kind;
        var body = (dialect ?? DialectTable.Default).ErrorJson(error);
        response.StatusCode = OpenAiErrorBody.Status(kind);
        response.ContentType = GatewayError.ContentType;
        response.ContentLength = body.Length;
        // The local routes answer HEAD as well (helper-94: `Allow: GET` named only one).
        if (kind == GatewayErrorKind.MethodNotAllowed && response.Headers.Allow.Count == 0)
            response.Headers.Allow = "GET, HEAD";
        if (RetryAdvice.IsFinal(kind)) response.Headers[RetryAdvice.Header] = "false";
        try
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client left: nothing was told, so nothing is recorded as sent (helper-100).
            return ReadOnlyMemory<byte>.Empty;
        }
        return body;
    }
}
