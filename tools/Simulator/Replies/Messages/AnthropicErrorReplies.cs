namespace Menshen.Simulator.Replies.Messages;

/// <summary>Anthropic-shaped errors: <c>{"type":"error","error":{"type","message"}}</c>.</summary>
internal static class AnthropicErrorReplies
{
    public static SimReply Simulated(int status) =>
        Of(status, TypeFor(status), $"Simulated upstream failure (status {status}).");

    public static SimReply MalformedJson(string detail) =>
        Of(StatusCodes.Status400BadRequest, "invalid_request_error", $"The request body is not valid JSON: {detail}");

    public static SimReply NotAnObject() =>
        Of(StatusCodes.Status400BadRequest, "invalid_request_error", "The request body must be a JSON object.");

    public static SimReply NotFound(string model) =>
        Of(StatusCodes.Status404NotFound, "not_found_error", $"model: {model}");

    public static SimReply MethodNotAllowed(string method, string path) =>
        Of(StatusCodes.Status405MethodNotAllowed, "invalid_request_error", $"Method {method} is not allowed on {path}.");

    /// <summary>The <c>error</c> event that ends a stream that failed after it started.</summary>
    public static byte[] StreamEvent() =>
        Frames.Event("error", 0, static (w, _) => WriteBody(w, "overloaded_error", "Overloaded"));

    /// <summary>Anthropic's error type for a status (docs: "HTTP errors").</summary>
    public static string TypeFor(int status) => status switch
    {
        401 => "authentication_error",
        402 => "billing_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        504 => "timeout_error",
        529 => "overloaded_error",
        >= 500 => "api_error",
        _ => "invalid_request_error",
    };

    private static SimReply Of(int status, string type, string message) =>
        SimReply.Json(status, Frames.Json((type, message), static (w, e) => WriteBody(w, e.type, e.message)));

    private static void WriteBody(System.Text.Json.Utf8JsonWriter w, string type, string message)
    {
        w.WriteString("type", "error");
        w.WriteStartObject("error");
        w.WriteString("type", type);
        w.WriteString("message", message);
        w.WriteEndObject();
    }
}
