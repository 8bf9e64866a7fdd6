using System.Globalization;
using Menshen.Core.Errors;
using Menshen.Core.Routing;
using Menshen.Shell.Audit;
using Menshen.Shell.Hosting;
using Menshen.Shell.Proxy;

namespace Menshen.Shell.Http;

/// The one request delegate: local routes first (SPEC §3 dispatch order), then the proxy.
public sealed partial class GatewayPipeline(
    GatewayRuntime runtime, RequestIds ids, GatewayHostOptions options, IExchangeSink sink,
    LocalRoutes local, Caching.CacheFlow cacheFlow, ILogger<GatewayPipeline> logger,
    RequestGateStep gate)
{
    private readonly TimeProvider _clock = options.Clock;
    private readonly UnderstoodProxy _understood = new(runtime, options.Clock, options.DrawTicket, cacheFlow);
    private readonly PassthroughProxy _passthrough = new(runtime, options.Clock, options.DrawTicket);

    public async Task InvokeAsync(HttpContext context)
    {
        var snapshot = runtime.Current;
        if (await gate.ApplyAsync(context, snapshot) is not { } path) return;
        if (await local.TryHandleAsync(context, snapshot, path)) return;
        var id = ids.Next();
        context.Response.Headers["X-Request-Id"] = id.ToString(CultureInfo.InvariantCulture);
        var request = context.Request;
        var draft = new ExchangeDraft(id, _clock.GetUtcNow(), request.Method, path.Value);
        try
        {
            await ProxyAsync(context, snapshot, draft, path);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            LogUnexpected(logger, ex, id);
            draft.ErrorNote = "internal error";
            draft.Status = 500;
            await GatewayErrors.WriteAsync(context, GatewayErrorKind.Internal, "The gateway failed unexpectedly.");
        }
        catch (OperationCanceledException)
        {
            draft.ClientClosed = true;
            draft.ErrorNote ??= "client_closed";
        }
        finally
        {
            if (draft.Status == 0) draft.Status = context.Response.StatusCode;
            await sink.SubmitAsync(draft.Freeze(), CancellationToken.None);
        }
    }

    private async Task ProxyAsync(
        HttpContext context, ConfigSnapshot snapshot, ExchangeDraft draft, CanonicalPath path)
    {
        if (snapshot.Auth.Enabled)
        {
            draft.ClientKey = snapshot.Auth.AuthenticateApiKey(context.Request.Headers);
            if (draft.ClientKey is null)
            {
                draft.ErrorNote = "unauthorized";
                await RejectedRequest.NoteAsync(
                    context, path, snapshot.Config.Server.MaxRequestBodyBytes, draft);
                await GatewayErrors.WriteAsync(context, GatewayErrorKind.Unauthorized,
                    "Missing or invalid API key. Send it as 'Authorization: Bearer <token>', 'x-api-key' or 'api-key'.");
                return;
            }
        }
        var route = EndpointClassifier.Classify(path);
        draft.Endpoint = route.Kind;
        if (route.IsUnderstood && HttpMethods.IsPost(context.Request.Method))
            await _understood.HandleAsync(context, snapshot, route, draft);
        else
            await _passthrough.HandleAsync(context, snapshot, route with { Kind = EndpointKind.Passthrough }, draft);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "request {Id} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception ex, long id);
}
