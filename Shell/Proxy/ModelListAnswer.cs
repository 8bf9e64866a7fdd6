using Menshen.Core.Audit;
using Menshen.Core.Dialects;
using Menshen.Core.Exchanges;
using Menshen.Core.Routing;
using Menshen.Shell.Runtime;

namespace Menshen.Shell.Proxy;

/// GET /v1/models answered by the gateway from its config (SPEC §13): no provider is asked.
public static class ModelListAnswer
{
    private const string Json = "application/json";

    public static async Task<ProxyResult> WriteAsync(
        HttpContext context, ConfigSnapshot snapshot, RequestFacts facts)
    {
        var body = ModelCatalog.Json(ModelCatalog.Entries(snapshot.Config));
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
