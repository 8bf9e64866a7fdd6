using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Dialects;
using Menshen.Core.Errors;
using Menshen.Core.Exchanges;
using Menshen.Core.Routing;
using Menshen.Shell.Runtime;
using Menshen.Shell.Wire;

namespace Menshen.Shell.Proxy;

/// Paths the gateway does not understand: one provider, bodies streamed both ways, no failover.
public sealed class PassthroughProxy(ProviderPlanner planner, ShutdownGrace grace)
{
    public async Task<ProxyResult> HandleAsync(
        HttpContext context, ConfigSnapshot snapshot, EndpointRoute route, RequestFacts facts,
        long startedAt)
    {
        var config = snapshot.Config;
        // An Anthropic client's call (`anthropic-version`, a path below `/v1/messages`) goes to
        // an `anthropic` provider and gets Anthropic errors.
        var dialect = RequestDialect.Of(context, route.UpstreamPath);
        if (ModelCatalog.Answers(config, context.Request.Method, route.UpstreamPath.Value,
            dialect.Api))
            return await ModelListAnswer.WriteAsync(context, snapshot, facts,
                route.UpstreamPath.Value, dialect);
        // These paths have no cache: `only-if-cached` can only be the 504 (RFC 9111 5.2.1.7).
        if (CacheControl.OnlyIfCached(context.Request.Headers.CacheControl))
            return await ProxyResult.RefuseAsync(context, facts, CacheControl.NotCached,
                ErrorsIn());
        var plan = await planner.PassthroughAsync(config, dialect.Api,
            ResponseAffinity.IdInPath(route.UpstreamPath.Value), context.RequestAborted);
        if (plan.IsEmpty)
        {
            return await ProxyResult.RefuseAsync(context, facts,
                new GatewayError(GatewayErrorKind.NoProvider, "No provider is enabled."),
                ErrorsIn());
        }
        var limit = config.Server.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
            return await ProxyResult.RefuseAsync(context, facts,
                RequestBodyReader.TooLargeError(limit), ErrorsIn());
        var provider = plan[0];
        var counted = new CountingStream(context.Request.Body);
        var request = UpstreamRequestFactory.Create(context.Request, provider, route.UpstreamPath,
            ContentFor(context.Request, counted), config.Auth.Enabled);
        using var attempt = await UpstreamAttempt.SendAsync(
            snapshot.Transports.For(provider), request, config.Upstream.Timeout,
            context.RequestAborted, grace.Expired);
        if (UnrelayedStatus.Refusal(attempt.Status, understood: false, context.Request.Method)
            is { } refusal)
            attempt.Refuse(refusal);
        facts = facts with { RequestBytes = counted.BytesRead };
        // The client's own fault, answered as such: never recorded as an upstream failure.
        if (counted.ClientFault is { } fault && attempt.Response is null
            && !context.RequestAborted.IsCancellationRequested)
            return await ProxyResult.RefuseAsync(context, facts, ClientError(fault, limit),
                ErrorsIn());
        facts = facts with { PlannedProvider = provider.Name };
        var tried = new TriedAttempt(
            new AttemptRecord(provider.Name, attempt.Status, attempt.Error, attempt.DurationMs),
            null);
        if (attempt.Response is not null)
        {
            var relay = await Relay.ForwardAsync(
                context, attempt, hideInjected: false, facts.Endpoint, config, startedAt);
            return ProxyResult.Of(facts, [tried], new Answer.Relayed(relay, false));
        }
        var unanswered = new Answer.Unanswered(
            context.RequestAborted.IsCancellationRequested, attempt.Failure, Passthrough: true,
            attempt.Timer.Stopped);
        return await ProxyResult.UnansweredAsync(context, facts, [tried], unanswered,
            ErrorsIn());

        Dialect ErrorsIn() => dialect;
    }

    private static GatewayError ClientError(Exception fault, long limit) => fault switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            RequestBodyReader.TooLargeError(limit),
        BadHttpRequestException bad => RequestBodyReader.FramingError(bad),
        _ => RequestBodyReader.CutShort,
    };

    // The client's length goes on with its body (an upstream may need one: multipart uploads);
    // without one, the body goes chunked as it came.
    private static StreamContent? ContentFor(HttpRequest request, Stream body)
    {
        if (!(request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0))
            return null;
        var content = new StreamContent(body);
        if (request.Headers.TransferEncoding.Count == 0)
            content.Headers.ContentLength = request.ContentLength;
        return content;
    }
}
