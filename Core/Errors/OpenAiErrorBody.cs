namespace Menshen.Core.Errors;

public static class OpenAiErrorBody
{
    /// The HTTP status for an error: 400, 401, 404, 405, 413, 408, 502, 504, 503, 500.
    public static int Status(GatewayErrorKind kind) => throw new NotImplementedException();

    /// `{"error":{"message":…,"type":…,"code":…}}` as UTF-8, with the message JSON-escaped.
    public static byte[] Json(GatewayError error) => throw new NotImplementedException();
}
