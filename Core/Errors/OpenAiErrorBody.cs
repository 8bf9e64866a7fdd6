using System.Buffers;
using System.Text.Json;

namespace Menshen.Core.Errors;

public static class OpenAiErrorBody
{
    /// The HTTP status for an error: 400, 401, 404, 405, 413, 408, 502, 504, 503, 500,
    /// 400, 404, 400, 403, 426, 503, 504, 503, 429, 415.
    public static int Status(GatewayErrorKind kind) => kind switch
    {
        GatewayErrorKind.MalformedJson => 400,
        GatewayErrorKind.BadParameter => 400,
        GatewayErrorKind.Unauthorized => 401,
        GatewayErrorKind.NotFound => 404,
        GatewayErrorKind.ModelNotFound => 404,
        GatewayErrorKind.MethodNotAllowed => 405,
        GatewayErrorKind.BodyTooLarge => 413,
        GatewayErrorKind.RequestTimeout => 408,
        GatewayErrorKind.UpstreamUnreachable => 502,
        GatewayErrorKind.UpstreamTimeout => 504,
        GatewayErrorKind.NoProvider => 503,
        GatewayErrorKind.Internal => 500,
        GatewayErrorKind.BadRequest => 400,
        GatewayErrorKind.Forbidden => 403,
        GatewayErrorKind.UpgradeRequired => 426,
        GatewayErrorKind.ShuttingDown => 503,
        GatewayErrorKind.NotCached => 504,
        GatewayErrorKind.StorageUnavailable => 503,
        GatewayErrorKind.LoginThrottled => 429,
        GatewayErrorKind.UnsupportedEncoding => 415,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown error kind"),
    };

    /// `{"error":{"message":…,"type":…,"code":…}}` as UTF-8, with the message JSON-escaped;
    /// `"param":…` comes before `code` when the error names a parameter.
    public static byte[] Json(GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (type, code) = TypeAndCode(error.Kind);
        var buffer = new ArrayBufferWriter<byte>(128 + error.Message.Length);
        using (var writer = new Utf8JsonWriter(buffer, ErrorJson.Options))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", error.Message);
            writer.WriteString("type", type);
            if (error.Param is { } param) writer.WriteString("param", param);
            writer.WriteString("code", code);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    // OpenAI's `type` vocabulary (what its SDKs switch on) and a code naming the exact cause.
    private static (string Type, string Code) TypeAndCode(GatewayErrorKind kind) => kind switch
    {
        GatewayErrorKind.MalformedJson => ("invalid_request_error", "invalid_json"),
        GatewayErrorKind.BadParameter => ("invalid_request_error", "invalid_parameter"),
        GatewayErrorKind.Unauthorized => ("authentication_error", "invalid_api_key"),
        GatewayErrorKind.NotFound => ("invalid_request_error", "not_found"),
        GatewayErrorKind.ModelNotFound => ("invalid_request_error", "model_not_found"),
        GatewayErrorKind.MethodNotAllowed => ("invalid_request_error", "method_not_allowed"),
        GatewayErrorKind.BodyTooLarge => ("invalid_request_error", "request_too_large"),
        GatewayErrorKind.RequestTimeout => ("invalid_request_error", "request_timeout"),
        GatewayErrorKind.UpstreamUnreachable => ("server_error", "upstream_unreachable"),
        GatewayErrorKind.UpstreamTimeout => ("server_error", "upstream_timeout"),
        GatewayErrorKind.NoProvider => ("server_error", "no_provider"),
        GatewayErrorKind.Internal => ("server_error", "internal_error"),
        GatewayErrorKind.BadRequest => ("invalid_request_error", "bad_request"),
        GatewayErrorKind.Forbidden => ("permission_error", "forbidden"),
        GatewayErrorKind.UpgradeRequired => ("invalid_request_error", "upgrade_required"),
        GatewayErrorKind.ShuttingDown => ("server_error", "shutting_down"),
        GatewayErrorKind.NotCached => ("invalid_request_error", "not_cached"),
        GatewayErrorKind.StorageUnavailable => ("server_error", "storage_unavailable"),
        GatewayErrorKind.LoginThrottled => ("rate_limit_error", "too_many_login_failures"),
        GatewayErrorKind.UnsupportedEncoding =>
            ("invalid_request_error", "unsupported_content_encoding"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown error kind"),
    };
}
