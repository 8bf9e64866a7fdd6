namespace Menshen.Simulator.Replies;

/// <summary>OpenAI-shaped errors: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal static class ErrorReplies
{
    public static SimReply Simulated(int status) =>
        Of(status, $"Simulated upstream failure (status {status}).", TypeFor(status), CodeFor(status));

    public static SimReply MalformedJson(string detail) =>
        Of(StatusCodes.Status400BadRequest,
            $"We could not parse the JSON body of your request. ({detail})", "invalid_request_error", null);

    public static SimReply NotAnObject() =>
        Of(StatusCodes.Status400BadRequest,
            "The request body must be a JSON object.", "invalid_request_error", null);

    public static SimReply NotFound(string method, string path) =>
        Of(StatusCodes.Status404NotFound, $"Invalid URL ({method} {path})", "invalid_request_error", "unknown_url");

    public static SimReply ModelNotFound(string model) =>
        Of(StatusCodes.Status404NotFound,
            $"The model `{model}` does not exist or you do not have access to it.",
            "invalid_request_error", "model_not_found");

    public static SimReply MethodNotAllowed(string method, string path) =>
        Of(StatusCodes.Status405MethodNotAllowed,
            $"Method {method} is not allowed on {path}.", "invalid_request_error", "method_not_allowed");

    public static SimReply UnrecognizedArgument(string name) =>
        Of(StatusCodes.Status400BadRequest, $"Unrecognized request argument supplied: {name}",
            "invalid_request_error", null);

    public static SimReply UpgradeRequired(string path) =>
        Of(StatusCodes.Status426UpgradeRequired,
            $"No WebSocket on {path}: send the request over plain HTTP.", "invalid_request_error",
            "upgrade_required");

    private static SimReply Of(int status, string message, string type, string? code) =>
        SimReply.Json(status, Frames.Json((message, type, code), static (w, e) =>
        {
            w.WriteStartObject("error");
            w.WriteString("message", e.message);
            w.WriteString("type", e.type);
            w.WriteNull("param");
            if (e.code is null)
                w.WriteNull("code");
            else
                w.WriteString("code", e.code);
            w.WriteEndObject();
        }));

    private static string TypeFor(int status) => status switch
    {
        401 => "authentication_error",
        403 => "permission_error",
        429 => "rate_limit_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };

    private static string? CodeFor(int status) => status switch
    {
        401 => "invalid_api_key",
        429 => "rate_limit_exceeded",
        _ => null,
    };
}
