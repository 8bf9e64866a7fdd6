using Menshen.Core.Audit;
using Menshen.Core.Dialects;
using Menshen.Core.Exchanges;
using Menshen.Core.Routing;
using Menshen.Shell.Runtime;

namespace Menshen.Shell.Proxy;

/// GET /v1/models and /v1/models/{id} answered by the gateway from its config (SPEC §13): no
/// provider is asked. A model the gateway would refuse is the same 404 a request for it gets.
public static class ModelListAnswer
{
    private const string Json = "application/json";

    public static async Task<ProxyResult> WriteAsync(
        HttpContext context, ConfigSnapshot snapshot, RequestFacts facts, string upstreamPath,
        Dialect dialect)
    {
        var config = snapshot.Config;
        byte[] body;
        if (ModelCatalog.ModelInPath(upstreamPath) is { } id)
        {
            if (ModelCatalog.Find(config, id) is not { } entry)
                return await ProxyResult.RefuseAsync(context, facts,
                    RouteDecision.ModelNotFound(id).Refusal!, dialect);
            body = ModelCatalog.EntryJson(entry);
        }
        else
        {
            body = ModelCatalog.Json(ModelCatalog.Entries(config));
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = Json;
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
            await response.Body.WriteAsync(body, context.RequestAborted);
        var relay = new RelayResult(StatusCodes.Status200OK, Json,
            new CapturedBody(body, body.Length), body.Length, RelayEnd.Completed,
            UsageReading.Nothing, 0);
        return ProxyResult.Of(facts, [], new Answer.Relayed(relay, LastResort: false));
    }
}
