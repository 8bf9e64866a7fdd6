using Menshen.Core.Errors;
using Menshen.Core.Routing;
using Menshen.Shell.Audit;
using Menshen.Shell.Hosting;
using Menshen.Shell.Http;

namespace Menshen.Shell.Proxy;

/// Paths the gateway does not understand: one provider, bodies streamed both ways, no failover.
public sealed class PassthroughProxy(GatewayRuntime runtime, TimeProvider clock, Func<int, int> drawTicket)
{
    public async Task HandleAsync(HttpContext context, ConfigSnapshot snapshot, EndpointRoute route, ExchangeDraft draft)
    {
        var config = snapshot.Config;
        var total = WeightedSelection.TotalWeight(config.Providers);
        var plan = RoutingPlan.Plan(config, EndpointKind.Passthrough, total > 0 ? drawTicket(total) : 0,
            runtime.Health, clock.GetUtcNow());
        if (plan.IsEmpty)
        {
            await GatewayErrors.WriteAsync(context, GatewayErrorKind.NoProvider, "No provider is enabled.");
            return;
        }
        if (context.Request.ContentLength > config.Server.MaxRequestBodyBytes)
        {
            var tooLarge = RequestBodyReader.TooLargeError(config.Server.MaxRequestBodyBytes);
            await RefuseAsync(context, tooLarge, draft);
            return;
        }
        var provider = plan[0];
        draft.Provider = provider.Name;
        var counted = new CountingStream(context.Request.Body);
        var request = UpstreamRequestFactory.Create(
            context.Request, provider, route.UpstreamPath, ContentFor(context.Request, counted), config.Auth.Enabled);
        using var attempt = await UpstreamAttempt.SendAsync(
            snapshot.Transports.For(provider), request, config.Upstream.Timeout, context.RequestAborted);
        draft.RequestBytes = counted.BytesRead;
        if (counted.ClientFault is { } fault && attempt.Response is null
            && !context.RequestAborted.IsCancellationRequested)
        {
            draft.Provider = null;
            var error = ClientError(fault, config.Server.MaxRequestBodyBytes);
            await RefuseAsync(context, error, draft);
            return;
        }
        draft.AddAttempt(provider.Name, attempt.Status, attempt.Error, attempt.DurationMs);
        if (attempt.Response is not null)
        {
            await Relay.ForwardAsync(context, attempt, hideUsageChunk: false, draft, config);
            return;
        }
        await FailAsync(context, attempt, draft);
    }

    private static StreamContent? ContentFor(HttpRequest request, Stream body) =>
        request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0 ? new StreamContent(body) : null;

    // The client's own fault, answered as such: never recorded as an upstream failure.
    private static async Task RefuseAsync(
        HttpContext context, GatewayError error, ExchangeDraft draft)
    {
        draft.ErrorNote = error.Message;
        draft.Status = OpenAiErrorBody.Status(error.Kind);
        await GatewayErrors.WriteAsync(context, error);
    }

    private static GatewayError ClientError(Exception fault, long limit) => fault switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            RequestBodyReader.TooLargeError(limit),
        BadHttpRequestException bad => RequestBodyReader.FramingError(bad),
        _ => RequestBodyReader.CutShort,
    };

    private static async Task FailAsync(HttpContext context, AttemptResult attempt, ExchangeDraft draft)
    {
        draft.ErrorNote = attempt.Error;
        if (context.RequestAborted.IsCancellationRequested)
        {
            draft.ClientClosed = true;
            draft.Status = 499;
            return;
        }
        var kind = attempt.Failure == AttemptFailure.Timeout
            ? GatewayErrorKind.UpstreamTimeout
            : GatewayErrorKind.UpstreamUnreachable;
        draft.Status = OpenAiErrorBody.Status(kind);
        await GatewayErrors.WriteAsync(context, kind, kind == GatewayErrorKind.UpstreamTimeout
            ? "The upstream provider did not answer in time."
            : "The upstream provider could not be reached.");
    }
}
