using Menshen.Core.Errors;
using Menshen.Core.Routing;

namespace Menshen.Core.Gate;

/// What the Shell does with a request before dispatch.
public enum GateAction
{
    /// Go on to the local routes or the proxy, with `Path`.
    Proceed,

    /// Answer `Error` and stop; nothing is proxied or recorded as an upstream failure.
    Refuse,

    /// Answer the CORS preflight locally (204) for `AllowOrigin`.
    Preflight,
}

/// The gate's decision. `AllowOrigin` is set for a listed cross-origin caller (the Shell echoes
/// it in `Access-Control-Allow-Origin`); `RefusedValue` names a refused Host or Origin, which the
/// Shell logs once per value.
public sealed record GateVerdict(
    GateAction Action,
    CanonicalPath? Path,
    GatewayError? Error,
    string? AllowOrigin,
    string? RefusedValue)
{
    public static GateVerdict Refuse(GatewayErrorKind kind, string message, string? value = null) =>
        new(GateAction.Refuse, null, new GatewayError(kind, message), null, value);
}
