using Menshen.Core.Config;
using Menshen.Core.Errors;
using Menshen.Core.Http;

namespace Menshen.Core.Routing;

/// Whether `[server] passthrough` lets a request for a path the gateway does not understand go
/// on to a provider. A refused one is answered 403 and no provider is asked: it would get no
/// forced model, no `models` allow-list and no usage count.
public static class PassthroughPolicy
{
    /// Null when the request may go on; otherwise the error to answer. `upstreamPath`: the path
    /// without its `/v1` prefix (EndpointRoute.UpstreamPath); `shownPath`: the path the client
    /// sent, for the message.
    public static GatewayError? Refusal(PassthroughMode mode, string method, string upstreamPath,
        string shownPath)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(upstreamPath);
        ArgumentNullException.ThrowIfNull(shownPath);
        var allowed = mode switch
        {
            PassthroughMode.Read => MethodPolicy.IsRead(method),
            PassthroughMode.Models =>
                MethodPolicy.IsRead(method) && PassthroughRetry.IsModelList(upstreamPath),
            _ => true,
        };
        if (allowed) return null;
        var what = mode == PassthroughMode.Read
            ? "reads (GET, HEAD)"
            : "the model list (GET /v1/models)";
        return new GatewayError(GatewayErrorKind.Forbidden,
            $"This gateway does not pass '{LogValue.Escape(method)} "
            + $"{GatewayError.Quoted(LogValue.Escape(shownPath))}' on to a provider: beside the "
            + $"endpoints it understands, it passes only {what} "
            + $"([server] passthrough = \"{Name(mode)}\").");
    }

    /// The config spelling of a mode.
    public static string Name(PassthroughMode mode) => mode switch
    {
        PassthroughMode.Read => "read",
        PassthroughMode.Models => "models",
        _ => "all",
    };
}
