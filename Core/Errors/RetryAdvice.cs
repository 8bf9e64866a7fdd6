namespace Menshen.Core.Errors;

/// Whether a client should retry a gateway-made error. The Stainless-generated SDKs (OpenAI's,
/// Anthropic's, and Claude Code on top of the latter) read the `x-should-retry` response header
/// before their own status rules; without it, some retry a 401 for a minute and a half.
public static class RetryAdvice
{
    public const string Header = "x-should-retry";

    /// True for errors the same request gets again however often it is sent (a wrong token, a
    /// model nobody serves, a body too large or not JSON, only-if-cached with nothing stored):
    /// the header then says `false`.
    public static bool IsFinal(GatewayErrorKind kind) => kind switch
    {
        GatewayErrorKind.MalformedJson or GatewayErrorKind.BadParameter
            or GatewayErrorKind.Unauthorized or GatewayErrorKind.NotFound
            or GatewayErrorKind.ModelNotFound or GatewayErrorKind.MethodNotAllowed
            or GatewayErrorKind.BodyTooLarge or GatewayErrorKind.BadRequest
            or GatewayErrorKind.Forbidden or GatewayErrorKind.NotCached => true,
        _ => false,
    };
}
