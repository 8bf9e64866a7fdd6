using Menshen.Core.Exchanges;
using Menshen.Core.Routing;
using Menshen.Shell.Wire;

namespace Menshen.Shell.Http;

/// What a client without a valid key asked for, so its 401 row says so: the endpoint and, for an
/// understood POST, the model and the stream flag read from its body (the body is not kept).
internal static class RejectedRequest
{
    // A rejected client gets no more of the gateway's reading than this; past it the row only
    // lacks the model and the stream flag.
    private const long MaxReadBytes = 1024 * 1024;

    public static async Task<RequestFacts> NoteAsync(
        HttpContext context, EndpointRoute route, long bodyLimit, RequestFacts facts)
    {
        var proxied = route.ForMethod(context.Request.Method);
        if (!proxied.IsUnderstood) return facts;
        var body = await RequestBodyReader.ReadAsync(context, Math.Min(bodyLimit, MaxReadBytes));
        if (body.Error is not null) return facts;
        var asked = proxied.Dialect.Patch(body.Bytes, proxied.Kind, forcedModel: null).Body;
        // Only what the client asked: no provider was chosen, so there is no effective model.
        return facts with
        {
            RequestBytes = body.Bytes.Length,
            FirstPatch = asked is null ? null : asked with { EffectiveModel = null },
        };
    }
}
