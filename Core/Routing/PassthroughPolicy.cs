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
    /// sent, for the message. `hasBody` and `overridesMethod` (an X-HTTP-Method-Override,
    /// X-HTTP-Method or X-Method-Override header): a read is only a read without either, since
    /// an upstream that honours the header or reads the body serves a POST (helper-49: a chat
    /// completion went through "read" as `GET` with `X-HTTP-Method-Override: POST`).
    public static GatewayError? Refusal(PassthroughMode mode, string method, string upstreamPath,
        string shownPath, bool hasBody = false, bool overridesMethod = false)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(upstreamPath);
        ArgumentNullException.ThrowIfNull(shownPath);
        var read = IsPlainRead(method, hasBody, overridesMethod);
        var allowed = mode switch
        {
            PassthroughMode.Read => read,
            PassthroughMode.Models => read && PassthroughRetry.IsModelList(upstreamPath),
            _ => true,
        };
        if (allowed) return null;
        var what = mode == PassthroughMode.Read
            ? "reads (GET, HEAD, without a body or a method override)"
            : "the model list (GET /v1/models, without a body or a method override)";
        return new GatewayError(GatewayErrorKind.Forbidden,
            $"This gateway does not pass '{LogValue.Escape(method)} "
            + $"{GatewayError.Quoted(LogValue.Escape(shownPath))}' on to a provider: beside the "
            + $"endpoints it understands, it passes only {what} "
            + $"([server] passthrough = \"{PassthroughModes.Name(mode)}\").");
    }

    /// A read that is only a read: GET or HEAD, without a body or a method override. Also what
    /// lets a passed-through answer count as spending nothing (NothingSpent).
    public static bool IsPlainRead(string method, bool hasBody, bool overridesMethod) =>
        MethodPolicy.IsRead(method) && !hasBody && !overridesMethod;

    /// Whether a header is one by which some servers take a request for another method than
    /// its own (X-HTTP-Method-Override, X-HTTP-Method, X-Method-Override), in any case and with
    /// `_` for `-` (servers that map one to the other).
    public static bool IsMethodOverride(string headerName)
    {
        ArgumentNullException.ThrowIfNull(headerName);
        foreach (var name in MethodOverrides)
        {
            if (name.Length != headerName.Length) continue;
            var same = true;
            for (var i = 0; i < name.Length && same; i++)
            {
                var c = headerName[i] == '_' ? '-' : char.ToLowerInvariant(headerName[i]);
                same = c == char.ToLowerInvariant(name[i]);
            }
            if (same) return true;
        }
        return false;
    }

    private static readonly string[] MethodOverrides =
        ["X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"];

}
