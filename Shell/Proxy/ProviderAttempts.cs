using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using Menshen.Core.Audit;
using Menshen.Core.Config;
using Menshen.Core.Dialects;
using Menshen.Core.Exchanges;
using Menshen.Core.Http;
using Menshen.Core.Routing;
using Menshen.Core.Usage;
using Menshen.Shell.Runtime;

namespace Menshen.Shell.Proxy;

/// Tries the planned providers in order until one answers finally, relays that answer, and
/// returns the attempts with the answer. Core classifies each attempt and says what follows
/// (FailoverDecision: relay, keep, drop, try the next, end).
public sealed class ProviderAttempts(ProviderPlanner planner, ShutdownGrace grace)
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ProxyResult> RunAsync(
        HttpContext context, ConfigSnapshot snapshot, EndpointRoute route, RequestFacts facts,
        ImmutableArray<ProviderConfig> plan, ReadOnlyMemory<byte> body, long startedAt)
    {
        var config = snapshot.Config;
        var dialect = route.Dialect;
        var tried = ImmutableArray.CreateBuilder<TriedAttempt>(plan.Length);
        AttemptResult? lastAnswer = null, attempt = null;
        var lastFailure = AttemptFailure.None;
        var aborted = context.RequestAborted;
        var stopped = grace.Expired;
        try
        {
            // Neither a client gone nor a gateway stopping wants a provider tried (after an
            // attempt FailoverDecision says so; this is for the first).
            for (var i = 0; i < plan.Length && !aborted.IsCancellationRequested
                && !stopped.IsCancellationRequested; i++)
            {
                var provider = plan[i];
                var patched = i == 0
                    ? facts.FirstPatch!
                    : PatchFor(dialect, body, route.Kind, provider, facts, context.Request);
                attempt = await SendAsync(context, snapshot, route, provider, patched.Body);
                // helper-86: uvicorn, Node and gunicorn close idle kept-alive connections without
                // a word; a request sent on one as it closed failed though the upstream never
                // saw it (a 502, or a failover blamed on the provider). Sent again once, here in
                // the loop (no async step more per request): HttpClient takes a new connection.
                if (attempt.ClosedUnderRequest)
                {
                    attempt.Dispose();
                    attempt = await SendAsync(context, snapshot, route, provider, patched.Body);
                }
                if (UnrelayedStatus.Refusal(attempt.Status, understood: true,
                    context.Request.Method) is { } refusal)
                    attempt.Refuse(refusal);
                var outcome = RetryClassification.Classify(attempt.Status, attempt.Failure,
                    config.Failover);
                // A stream that opened with an error has given the client nothing yet: judged
                // by the status its error stands for.
                var opening = outcome == AttemptOutcome.Final ? StartError(attempt) : null;
                if (opening is not null)
                    outcome = RetryClassification.Classify(opening.Status, AttemptFailure.None,
                        config.Failover);
                var movedOn = outcome == AttemptOutcome.TryNext;
                tried.Add(new TriedAttempt(new AttemptRecord(provider.Name, attempt.Status,
                    movedOn && opening is not null ? opening.Note : attempt.Error,
                    attempt.DurationMs), patched));
                var step = FailoverDecision.AfterAttempt(outcome, attempt.Response is not null,
                    lastPlanned: i == plan.Length - 1, aborted.IsCancellationRequested,
                    stopped.IsCancellationRequested);
                if (step == FailoverStep.Relay)
                {
                    // Disposed by the finally below, as on every other path.
                    var relay = await Relay.ForwardAsync(
                        context, attempt, patched.HideUsageChunk, facts.Endpoint, config,
                        startedAt, planner.Origins, provider.Name, facts.ClientKey);
                    planner.RecordAnswer(provider, relay, config.Failover);
                    return ProxyResult.Of(facts, tried.ToImmutable(),
                        new Answer.Relayed(relay, false));
                }
                // Cut short by the client or by the gateway's stop: not the provider's doing.
                planner.Record(provider, outcome,
                    aborted.IsCancellationRequested || attempt.Timer.Stopped, config.Failover);
                lastFailure = attempt.Failure;
                if (FailoverDecision.Keeps(step))
                {
                    lastAnswer?.Dispose();
                    lastAnswer = attempt;
                }
                else
                {
                    attempt.Dispose();
                }
                attempt = null;
                if (FailoverDecision.Ends(step)) break;
            }
            return await EndAsync(context, facts, tried.ToImmutable(), lastAnswer, lastFailure,
                stopped.IsCancellationRequested, dialect, config, startedAt);
        }
        finally
        {
            // helper-100: an attempt between its send and its hand-off when something threw
            // (its timer's registration on the grace would live as long as the process).
            attempt?.Dispose();
            lastAnswer?.Dispose();
        }
    }

    /// Every provider failed: pass the last upstream answer on, else Core's error (or nothing,
    /// when the client left). Once the gateway stops, Core's 503: a kept answer would be relayed
    /// on a timer the grace has already cancelled.
    private static async Task<ProxyResult> EndAsync(
        HttpContext context, RequestFacts facts, ImmutableArray<TriedAttempt> tried,
        AttemptResult? lastAnswer, AttemptFailure lastFailure, bool stopped, Dialect dialect,
        GatewayConfig config, long startedAt)
    {
        var clientLeft = context.RequestAborted.IsCancellationRequested;
        if (FailoverDecision.AtEnd(lastAnswer is not null, clientLeft, stopped)
            == FailoverEnd.Unanswered)
        {
            return await ProxyResult.UnansweredAsync(context, facts, tried,
                new Answer.Unanswered(clientLeft, lastFailure, Passthrough: false, stopped),
                dialect);
        }
        var relay = await Relay.ForwardAsync(
            context, lastAnswer!, hideInjected: false, facts.Endpoint, config, startedAt);
        return ProxyResult.Of(facts, tried, new Answer.Relayed(relay, LastResort: true));
    }

    private static StreamStartError? StartError(AttemptResult attempt)
    {
        if (attempt.Response is not { } response) return null;
        var status = (int)response.StatusCode;
        // The media type without its parameters: no string built for a plain answer.
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return StreamStart.MayReport(status, mediaType)
            ? StreamStart.ErrorIn(status, mediaType,
                ContentCodings.Of(response.Content.Headers.ContentEncoding),
                attempt.Buffer.AsSpan(0, attempt.FirstCount))
            : null;
    }

    // The body was read as a JSON object for the first provider, so patching it again cannot fail.
    private static PatchedBody PatchFor(
        Dialect dialect, ReadOnlyMemory<byte> body, EndpointKind kind, ProviderConfig provider,
        RequestFacts facts, HttpRequest request) =>
        dialect.Patch(body, kind,
            ModelRewrite.For(provider, facts.FirstPatch?.RequestedModel, facts.ResolvedModel),
            StreamUsageSupport.Accepts(provider, request.QueryString.Value ?? "")).Body
        ?? throw new InvalidOperationException("a body that patched once failed to patch again");

    private ValueTask<AttemptResult> SendAsync(
        HttpContext context, ConfigSnapshot snapshot, EndpointRoute route, ProviderConfig provider,
        ReadOnlyMemory<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body);
        var request = UpstreamRequestFactory.Create(context.Request, provider, route.UpstreamPath,
            content, snapshot.Config.Auth.Enabled);
        // The body was read as plain JSON: a Content-Encoding the client put on it is not true
        // of it (helper-82: a plain body labelled gzip went on labelled gzip).
        // Asked only when the client sent one: the header collection is an object a request.
        if (context.Request.Headers.ContentEncoding.Count > 0
            && !ProviderHeaders.Names(provider, "Content-Encoding"))
            content.Headers.ContentEncoding.Clear();
        return UpstreamAttempt.SendAsync(snapshot.Transports.For(provider), request,
            snapshot.Config.Upstream.Timeout, context.RequestAborted, grace.Expired);
    }
}
