using Menshen.Simulator.Recording;
using Menshen.Simulator.Replies;
using Menshen.Simulator.Replies.Messages;

namespace Menshen.Simulator.Http;

/// <summary>The simulator's only request delegate: record, route, build the reply, send it.</summary>
internal sealed class Dispatcher(SimulatorOptions options, RequestLog log)
{
    private readonly ReplyFactory _replies = new();

    public async Task HandleAsync(HttpContext context)
    {
        var settings = RequestSettings.From(options, context.Request.Headers);
        var recorded = settings.Fast ? null : log.Begin(context);
        if (recorded is null)
            log.CountUnrecorded();
        try
        {
            await RespondAsync(context, settings, recorded);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left (or the simulator dropped it): nothing more to send.
        }
        finally
        {
            recorded?.MarkFinished();
        }
    }

    private async Task RespondAsync(HttpContext context, RequestSettings settings, RecordedRequest? recorded)
    {
        var request = context.Request;
        var (method, path) = (request.Method, request.Path.Value ?? "");
        // Like some hosted providers: any web page may read the answers. The gateway must not
        // relay this header.
        context.Response.Headers.AccessControlAllowOrigin = "*";
        // No Responses WebSocket here: 426 at once, so a client (Codex) falls back to HTTP at once.
        if (request.Headers.Upgrade.Count > 0)
        {
            await ReplyWriter.WriteNowAsync(context, ErrorReplies.UpgradeRequired(path));
            return;
        }
        var route = Route.Match(request.Path);
        if (route.Kind == RouteKind.NotFound || !route.Allows(method))
        {
            var error = route.Kind == RouteKind.NotFound
                ? ErrorReplies.NotFound(method, path)
                : route.IsAnthropic
                    ? AnthropicErrorReplies.MethodNotAllowed(method, path)
                    : ErrorReplies.MethodNotAllowed(method, path);
            await ReplyWriter.WriteNowAsync(context, error);
            return;
        }
        if (route.Kind == RouteKind.Echo)
        {
            await EchoHandler.EchoAsync(context, settings, recorded);
            return;
        }
        var body = await RequestBody.ReadAsync(request, context.RequestAborted);
        recorded?.SetBody(body);
        var reply = route.Kind == RouteKind.EchoHeaders && settings.FailStatus is null
            ? EchoHandler.Headers(request)
            : AzureApiVersion.Refusal(request, body) ?? _replies.For(route, body, settings);
        await ReplyWriter.WriteAsync(context, reply, settings, recorded);
    }
}
