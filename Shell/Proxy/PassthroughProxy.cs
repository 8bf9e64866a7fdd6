using System.Collections.Immutable;
using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Dialects;
using Menshen.Core.Errors;
using Menshen.Core.Exchanges;
using Menshen.Core.Routing;
using Menshen.Shell.Runtime;
using Menshen.Shell.Wire;
using Microsoft.AspNetCore.Http.Features;

namespace Menshen.Shell.Proxy;

/// Paths the gateway does not understand: bodies streamed both ways, one provider; a read of the
/// model list, which has no body and reads alike everywhere, fails over (PassthroughRetry).
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
        // [server] passthrough: what may go on to a provider past every model control.
        var hasBody = context.Request.ContentLength > 0
            || context.Request.Headers.TransferEncoding.Count > 0;
        var overrides = context.Request.Headers.Keys.Any(PassthroughPolicy.IsMethodOverride);
        facts = facts with
        {
            PlainRead = PassthroughPolicy.IsPlainRead(context.Request.Method, hasBody, overrides),
        };
        if (PassthroughPolicy.Refusal(config.Server.Passthrough, context.Request.Method,
            route.UpstreamPath.Value, context.Request.Path.Value ?? "", hasBody,
            overrides) is { } refused)
            return await ProxyResult.RefuseAsync(context, facts, refused, ErrorsIn());
        // These paths have no cache: `only-if-cached` can only be the 504 (RFC 9111 5.2.1.7).
        if (CacheControl.OnlyIfCached(context.Request.Headers.CacheControl))
            return await ProxyResult.RefuseAsync(context, facts, CacheControl.NotCached,
                ErrorsIn());
        var request = context.Request;
        var plan = await planner.PassthroughAsync(config, dialect.Api,
            ResponseAffinity.IdInPath(route.UpstreamPath.Value),
            PassthroughRetry.MaySendAgain(facts.PlainRead, route.UpstreamPath.Value),
            context.RequestAborted);
        if (plan.IsEmpty)
        {
            return await ProxyResult.RefuseAsync(context, facts,
                new GatewayError(GatewayErrorKind.NoProvider, "No provider is enabled."),
                ErrorsIn());
        }
        var limit = config.Server.BodyLimit;
        if (limit is { } most && request.ContentLength > most)
            return await ProxyResult.RefuseUnreadAsync(context, facts,
                RequestBodyReader.TooLargeError(most), ErrorsIn(), most);
        var countedLimit = OwnLimitFor(context, limit);
        var tried = ImmutableArray.CreateBuilder<TriedAttempt>();
        // Failover as on the understood endpoints (FailoverDecision): a non-final answer is
        // held open while the next provider is tried (only a model list's read fails over, so
        // it is small), and relayed as the last resort when no provider answers finally.
        AttemptResult? attempt = null, keptAnswer = null;
        Core.Config.ProviderConfig? keptProvider = null;
        try
        {
            for (var i = 0; ; i++)
            {
                var provider = plan[i];
                var counted = new CountingStream(request.Body, countedLimit);
                var kept = KeptBody.For(request, counted);
                var sent = await SendAsync(provider, counted, kept);
                // A connection the upstream closed under a request (a file's or a batch's GET,
                // a batch's create): sent again once, as on the model endpoints, when it has no
                // body or a small one, kept. A larger upload streams as it comes: the 502.
                attempt = sent.ClosedUnderRequest && counted.ClientFault is null
                    && (kept is not null || (counted.BytesRead == 0 && !hasBody))
                    ? await AgainAsync(sent, provider, counted, kept) : sent;
                if (UnrelayedStatus.Refusal(attempt.Status, understood: false, request.Method)
                    is { } refusal)
                    attempt.Refuse(refusal);
                facts = facts with { RequestBytes = counted.BytesRead };
                // A client gone inside its body: nobody to answer, and the provider not to blame.
                if (counted.ClientFault is { } gone && attempt.Response is null
                    && RequestBodyReader.EndedByClient(gone, context))
                    return ProxyResult.Of(facts, [],
                        new Answer.Unanswered(true, AttemptFailure.None, Passthrough: true));
                // Past the limit, the client is still sending: answered, then drained.
                if (counted.ClientFault is CountingStream.OverLimit && attempt.Response is null
                    && countedLimit is { } over)
                    return await ProxyResult.RefuseUnreadAsync(context, facts,
                        RequestBodyReader.TooLargeError(over), ErrorsIn(), over);
                // The client's own fault, answered as such: never recorded as an upstream failure.
                if (counted.ClientFault is { } fault && attempt.Response is null
                    && !context.RequestAborted.IsCancellationRequested)
                    return await ProxyResult.RefuseAsync(context, facts,
                        ClientError(fault, limit), ErrorsIn());
                if (i == 0) facts = facts with { PlannedProvider = provider.Name };
                tried.Add(new TriedAttempt(new AttemptRecord(provider.Name, attempt.Status,
                    attempt.Error, attempt.DurationMs), null));
                // Not counted for the provider's passive health: a model list's 200 would clear
                // a provider whose chat endpoint keeps failing, and a files API's 5xx park it.
                var step = FailoverDecision.AfterAttempt(
                    RetryClassification.Classify(attempt.Status, attempt.Failure,
                        config.Failover),
                    attempt.Response is not null, lastPlanned: i == plan.Length - 1,
                    context.RequestAborted.IsCancellationRequested,
                    grace.Expired.IsCancellationRequested);
                if (step == FailoverStep.Relay)
                    return await RelayAsync(attempt, provider, lastResort: false);
                var lastFailure = attempt.Failure;
                if (FailoverDecision.Keeps(step))
                {
                    keptAnswer?.Dispose();
                    (keptAnswer, keptProvider) = (attempt, provider);
                }
                else
                {
                    attempt.Dispose();
                }
                attempt = null;
                if (FailoverDecision.Ends(step)) return await EndAsync(lastFailure);
            }
        }
        finally
        {
            attempt?.Dispose();
            keptAnswer?.Dispose();
        }

        async Task<ProxyResult> EndAsync(AttemptFailure lastFailure)
        {
            var clientLeft = context.RequestAborted.IsCancellationRequested;
            var stopped = grace.Expired.IsCancellationRequested;
            if (FailoverDecision.AtEnd(keptAnswer is not null, clientLeft, stopped)
                == FailoverEnd.RelayKeptAsLastResort)
                return await RelayAsync(keptAnswer!, keptProvider!, lastResort: true);
            return await ProxyResult.UnansweredAsync(context, facts, tried.ToImmutable(),
                new Answer.Unanswered(clientLeft, lastFailure, Passthrough: true, stopped),
                ErrorsIn());
        }

        async Task<ProxyResult> RelayAsync(AttemptResult answer,
            Core.Config.ProviderConfig provider, bool lastResort)
        {
            await BatchResultsLinks.RewriteAsync(context, answer, provider, route.UpstreamPath);
            var relay = await Relay.ForwardAsync(
                context, answer, hideInjected: false, facts.Endpoint, config, startedAt);
            return ProxyResult.Of(facts, tried.ToImmutable(),
                new Answer.Relayed(relay, LastResort: lastResort));
        }

        Dialect ErrorsIn() => dialect;

        ValueTask<AttemptResult> SendAsync(Core.Config.ProviderConfig provider,
            CountingStream body,
            KeptBody? kept) =>
            UpstreamAttempt.SendAsync(snapshot.Transports.For(provider),
                UpstreamRequestFactory.Create(request, provider, route.UpstreamPath,
                    kept?.Content() ?? ContentFor(request, body), config.Auth.Enabled),
                config.Upstream.Timeout, context.RequestAborted, grace.Expired);

        async ValueTask<AttemptResult> AgainAsync(AttemptResult failed,
            Core.Config.ProviderConfig provider, CountingStream body, KeptBody? kept)
        {
            failed.Dispose();
            return await SendAsync(provider, body, kept);
        }
    }

    // A chunked body is held to the limit here rather than by Kestrel, whose limit would also
    // stop the drain after the 413 (helper-85: Node uploads over the limit saw a broken pipe).
    private static long? OwnLimitFor(HttpContext context, long? limit)
    {
        if (limit is null || context.Request.ContentLength is not null) return null;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is not
            { IsReadOnly: false } kestrelLimit) return null;
        kestrelLimit.MaxRequestBodySize = null;
        return limit;
    }

    private static GatewayError ClientError(Exception fault, long? limit) => fault switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            RequestBodyReader.TooLargeError(limit ?? 0),
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
