using System.Runtime.CompilerServices;
using System.Diagnostics;
using System.Globalization;
using Menshen.Core.Errors;
using Menshen.Core.Exchanges;
using Menshen.Core.Gate;
using Menshen.Core.Http;
using Menshen.Core.Routing;
using Menshen.Shell.Audit;
using Menshen.Shell.Caching;
using Menshen.Shell.Logging;
using Menshen.Shell.Proxy;
using Menshen.Shell.Runtime;
using Menshen.Shell.Wire;

namespace Menshen.Shell.Http;

/// The one request delegate: local routes first (SPEC §3 dispatch order), then the proxy. Each
/// step returns a value; Core composes the one audit record from them, which goes to the sink.
public sealed partial class GatewayPipeline(
    GatewayRuntime runtime, RequestIds ids, ProxyInputs inputs, IExchangeSink sink,
    LocalRoutes local,
    ClientAuths auths, UnderstoodProxy understood, PassthroughProxy passthrough,
    CacheFlow cacheFlow,
    RequestGateStep gate, InFlightRequests inFlight, Metrics.GatewayMetrics metrics,
    ILogger<GatewayPipeline> logger)
{
    // One method, not one per step: each awaited async step is one more allocation a request.
    public async Task InvokeAsync(HttpContext context)
    {
        var snapshot = runtime.Enter();
        try
        {
            var verdict = gate.Apply(context, snapshot);
            if (verdict.Action == GateAction.Preflight) return;
            var path = verdict.Action == GateAction.Proceed ? verdict.Path : null;
            if (path is not null && await local.TryHandleAsync(context, snapshot.Config, path))
                return;
            // Beyond the budget a refusal is answered alike but not recorded: any web page can
            // send them by the thousand, each with a path of its choosing (helper-62).
            var headers = context.Response.Headers;
            foreach (var (name, value) in ResponseHeaderPolicy.BrowserGuards)
                headers[name] = value;
            if (path is null && !gate.Records(verdict, inputs.Steady.GetUtcNow()))
            {
                await gate.RefuseAsync(context, verdict, clientKey: null);
                metrics.RefusalUnrecorded();
                return;
            }
            var route = path is null
                ? null : EndpointClassifier.Classify(path).ServedBy(snapshot.Config.Providers);
            var key = path is null ? KeyCheck.None : CheckKey(context, snapshot);
            // Anyone who reaches the port can send keyless requests: the same budget as the
            // gate's refusals keeps their rows (and paths of their choosing) bounded.
            if (key.Refused && !gate.Records(GatewayErrorKind.Unauthorized,
                    inputs.Steady.GetUtcNow()))
            {
                await RefuseKeylessAsync(context, route!, new RequestFacts(null, route!.Kind));
                metrics.RefusalUnrecorded();
                return;
            }
            // Back-pressure before the answer: a full audit queue holds the request here, with
            // nothing of it served or kept yet (a client that leaves meanwhile spent nothing).
            try
            {
                await sink.WaitForRoomAsync(context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            inFlight.Enter();
            try
            {
                var startedAt = Stopwatch.GetTimestamp();
                var id = ids.Next();
                headers[ResponseHeaderPolicy.RequestId] = id.ToString(CultureInfo.InvariantCulture);
                var request = context.Request;
                var start = new ExchangeStart(id, inputs.Clock.GetUtcNow(), request.Method,
                    path is null ? RequestGateStep.RefusedPath(context, verdict)
                    : key.Refused ? RequestGate.Cut(path.Value) : path.Value);
                // A refusal is recorded as well: every answer carries its audit id (SPEC §3).
                var result = path is null
                    ? await gate.RefuseAsync(context, verdict, ClientKeyOf(context, snapshot))
                    : await ProxyAsync(context, snapshot, route!, key, id, startedAt);
                var exchange = ExchangeComposer.Compose(
                    start, result.Parts, Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds,
                    snapshot.Config);
                if (result.Session is { } session) cacheFlow.Finish(session, exchange);
                await sink.SubmitAsync(exchange, CancellationToken.None);
                if (result.Parts.Answer is Answer.Relayed { Relay.End: var end }
                    && RelayEnds.CutsClient(end))
                    throw new ConnectionCutException("the upstream gave out mid-body");
            }
            finally
            {
                inFlight.Leave();
            }
        }
        finally
        {
            snapshot.Leave();
        }
    }

    // A refusal before dispatch is recorded under the client key its token names, if any (the
    // dashboard then says whose the 426s of Codex's WebSocket tries are).
    private string? ClientKeyOf(HttpContext context, ConfigSnapshot snapshot) =>
        auths.For(snapshot.Config) is { Enabled: true } auth
            ? auth.AuthenticateApiKey(context.Request.Headers)
            : null;

    /// The client key a proxied request presents: none needed, a valid one, or refused.
    private readonly record struct KeyCheck(string? ClientKey, bool Refused)
    {
        public static KeyCheck None => default;
    }

    private KeyCheck CheckKey(HttpContext context, ConfigSnapshot snapshot)
    {
        var auth = auths.For(snapshot.Config);
        if (!auth.Enabled) return KeyCheck.None;
        var key = auth.AuthenticateApiKey(context.Request.Headers);
        return new KeyCheck(key, key is null);
    }

    private static Task<ProxyResult> RefuseKeylessAsync(
        HttpContext context, EndpointRoute route, RequestFacts facts) =>
        ProxyResult.RefuseAsync(context, facts, Unauthorized,
            RequestDialect.Of(context, route.UpstreamPath));

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ProxyResult> ProxyAsync(HttpContext context, ConfigSnapshot snapshot,
        EndpointRoute route, KeyCheck key, long id, long startedAt)
    {
        var proxied = route.ForMethod(context.Request.Method);
        // The row's endpoint is what was proxied: a GET of /v1/chat/completions (stored
        // completions) is passthrough, not a chat completion (helper-85).
        var facts = new RequestFacts(key.ClientKey, proxied.Kind);
        try
        {
            if (key.Refused)
            {
                facts = await RejectedRequest.NoteAsync(
                    context, route, snapshot.Config.Server.WholeBodyLimit, facts);
                return await RefuseKeylessAsync(context, route, facts);
            }
            return proxied.IsUnderstood
                ? await understood.HandleAsync(context, snapshot, proxied, facts, startedAt)
                : await passthrough.HandleAsync(context, snapshot, proxied, facts, startedAt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException
            || !context.RequestAborted.IsCancellationRequested)
        {
            LogUnexpected(logger, ex, id);
            return await ProxyResult.RefuseAsync(context, facts,
                new GatewayError(GatewayErrorKind.Internal, "The gateway failed unexpectedly."),
                RequestDialect.Of(context, route.UpstreamPath));
        }
        catch (OperationCanceledException)
        {
            return ProxyResult.Of(facts, [],
                new Answer.Unanswered(true, AttemptFailure.None, !route.IsUnderstood));
        }
    }

    private static readonly GatewayError Unauthorized = new(GatewayErrorKind.Unauthorized,
        "Missing or invalid API key. Send it as 'Authorization: Bearer <token>', 'x-api-key' or " +
        "'api-key'.");

    [LoggerMessage(Level = LogLevel.Error, Message = "request {Id} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception ex, long id);
}
