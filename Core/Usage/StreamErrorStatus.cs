namespace Menshen.Core.Usage;

/// The HTTP status an error event in a 200 stream stands for, so the failover rules that judge a
/// status (`[failover] on_status`) can judge it too. Anthropic sends `overloaded_error` this way
/// when its capacity runs out after the headers went; OpenAI-compatible servers name a type or
/// a code, and OpenRouter a number.
public static class StreamErrorStatus
{
    public static int Of(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type switch
        {
            "overloaded_error" => 529,
            "rate_limit_error" or "rate_limit_exceeded" or "insufficient_quota" => 429,
            "timeout_error" => 504,
            "authentication_error" or "invalid_api_key" => 401,
            "permission_error" or "permission_denied" => 403,
            "not_found_error" or "model_not_found" => 404,
            "request_too_large" => 413,
            "invalid_request_error" or "invalid_request" or "context_length_exceeded" => 400,
            _ when int.TryParse(type, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var code)
                && code is >= 400 and <= 599 => code,
            // api_error, server_error, response.failed, or no type at all: the provider failed.
            _ => 500,
        };
    }
}
