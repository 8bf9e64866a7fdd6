using Menshen.Core.Http;
using Menshen.Core.Routing;
using Menshen.Shell.Audit;

namespace Menshen.Shell.Http;

/// What a client without a valid key asked for, so its 401 row says so: the endpoint and, for an
/// understood POST, the model and the stream flag read from its body (the body is not kept).
internal static class RejectedRequest
{
    // A rejected client gets no more of the gateway's reading than this; past it the row only
    // lacks the model and the stream flag.
    private const long MaxReadBytes = 1024 * 1024;

    public static async Task NoteAsync(
        HttpContext context, CanonicalPath path, long maxRequestBodyBytes, ExchangeDraft draft)
    {
        var route = EndpointClassifier.Classify(path);
        draft.Endpoint = route.Kind;
        if (!route.IsUnderstood || !HttpMethods.IsPost(context.Request.Method)) return;
        var limit = maxRequestBodyBytes > 0
            ? Math.Min(maxRequestBodyBytes, MaxReadBytes) : MaxReadBytes;
        var body = await RequestBodyReader.ReadAsync(context, limit);
        if (body.Error is not null) return;
        draft.RequestBytes = body.Bytes.Length;
        var patched = BodyPatch.Apply(body.Bytes, route.Kind, forcedModel: null);
        if (patched.IsFail) return;
        var asked = (PatchedBody)patched;
        (draft.RequestedModel, draft.Stream) = (asked.RequestedModel, asked.Stream);
    }
}
