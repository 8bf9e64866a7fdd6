using System.Buffers;
using System.Text.Json;
using Menshen.Core.Errors;

namespace Menshen.Core.Dialects.Anthropic;

/// Gateway-made errors on the Messages API endpoints, in Anthropic's shape, with the same statuses
/// as the OpenAI-shaped ones (`OpenAiErrorBody.Status`).
public static class AnthropicErrorBody
{
    /// `{"type":"error","error":{"type":…,"message":…}}` as UTF-8, the message JSON-escaped.
    public static byte[] Json(GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var buffer = new ArrayBufferWriter<byte>(96 + error.Message.Length);
        using (var writer = new Utf8JsonWriter(buffer, ErrorJson.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "error");
            writer.WriteStartObject("error");
            writer.WriteString("type", TypeOf(error.Kind));
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// Anthropic's `error.type` for a gateway error: what its SDKs and Claude Code switch on.
    public static string TypeOf(GatewayErrorKind kind) => kind switch
    {
        GatewayErrorKind.MalformedJson => "invalid_request_error",
        GatewayErrorKind.BadParameter => "invalid_request_error",
        GatewayErrorKind.Unauthorized => "authentication_error",
        GatewayErrorKind.NotFound => "not_found_error",
        GatewayErrorKind.MethodNotAllowed => "invalid_request_error",
        GatewayErrorKind.BodyTooLarge => "request_too_large",
        GatewayErrorKind.RequestTimeout => "invalid_request_error",
        // No provider could take it: Anthropic's "try again later" (SDKs retry it like a 529).
        GatewayErrorKind.NoProvider => "overloaded_error",
        GatewayErrorKind.UpstreamUnreachable => "api_error",
        GatewayErrorKind.UpstreamTimeout => "timeout_error",
        GatewayErrorKind.Internal => "api_error",
        GatewayErrorKind.ModelNotFound => "not_found_error",
        GatewayErrorKind.BadRequest => "invalid_request_error",
        GatewayErrorKind.Forbidden => "permission_error",
        GatewayErrorKind.UpgradeRequired => "invalid_request_error",
        GatewayErrorKind.ShuttingDown => "overloaded_error",
        GatewayErrorKind.NotCached => "invalid_request_error",
        GatewayErrorKind.StorageUnavailable => "api_error",
        GatewayErrorKind.LoginThrottled => "rate_limit_error",
        GatewayErrorKind.UnsupportedEncoding => "invalid_request_error",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown error kind"),
    };
}
