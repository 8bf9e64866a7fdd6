using System.Runtime.CompilerServices;
using Menshen.Core.Dialects;
using Menshen.Core.Errors;
using Menshen.Core.Exchanges;
using Menshen.Core.Http;
using Menshen.Core.Routing;
using Menshen.Shell.Caching;
using Menshen.Shell.Runtime;
using Menshen.Shell.Taps;
using Menshen.Shell.Wire;

namespace Menshen.Shell.Proxy;

/// The understood endpoints: read the body, resolve its model and plan the providers, patch the
/// body in the endpoint's dialect, consult the cache, then try the providers. Each step returns a
/// value.
public sealed class UnderstoodProxy(
    ProviderPlanner planner, ProviderAttempts attempts, CacheFlow cacheFlow)
{
    private const int LargeBody = 256 * 1024;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ProxyResult> HandleAsync(
        HttpContext context, ConfigSnapshot snapshot, EndpointRoute route, RequestFacts facts,
        long startedAt)
    {
        var config = snapshot.Config;
        var dialect = route.Dialect;
        var read = await RequestBodyReader.ReadAsync(context, config.Server.WholeBodyLimit,
            drained: true);
        if (read.ClientGone)
            return ProxyResult.Of(facts, [],
                new Answer.Unanswered(true, AttemptFailure.None, Passthrough: false));
        if (read.Error is { Kind: GatewayErrorKind.BodyTooLarge } tooLarge)
            return await ProxyResult.RefuseUnreadAsync(context, facts, tooLarge, dialect,
                config.Server.WholeBodyLimit);
        if (read.Error is { } readError)
            return await ProxyResult.RefuseAsync(context, facts, readError, dialect);
        var encoding = context.Request.Headers.ContentEncoding;
        var decoding = encoding.Count == 0 ? RequestDecoding.None : RequestDecoding.Of(encoding);
        if (decoding.Refusal is { } unsupported)
        {
            context.Response.Headers.AcceptEncoding = RequestDecoding.Supported;
            return await ProxyResult.RefuseAsync(context,
                facts with { RequestBytes = read.Bytes.Length }, unsupported, dialect);
        }
        // Decoding, patching and keying a large body take milliseconds of CPU: on the pool, not
        // on the socket thread other connections' requests share (Hosting/InlineScheduling).
        if (read.Bytes.Length >= LargeBody || !decoding.Undo.IsEmpty) await Task.Yield();
        var body = read.Bytes;
        if (!decoding.Undo.IsEmpty)
        {
            var decoded = RequestBodyDecoder.Decode(body, decoding, encoding,
                config.Server.DecodedBodyLimit);
            if (decoded.Error is { } undecodable)
                return await ProxyResult.RefuseAsync(context,
                    facts with { RequestBytes = read.Bytes.Length }, undecodable, dialect);
            body = decoded.Bytes;
        }
        facts = facts with
        {
            RequestBytes = body.Length,
            RequestBody = Captures.Of(body, CapturePolicy.RequestCap(config)),
        };
        // Read as sent (no model forced) to learn the client's model before routing on it.
        var probe = dialect.Patch(body, route.Kind, null);
        if (probe.Body is null) return await RefuseMalformedAsync(context, facts, probe, dialect);
        var requested = probe.Body.RequestedModel;
        var resolved = requested is null
            ? null : AliasResolution.Resolve(config.Routing.Aliases, requested);
        facts = facts with { FirstPatch = probe.Body, ResolvedModel = resolved };
        var decision = await planner.RouteAsync(config,
            new RouteQuery(resolved ?? "", route.Kind, ClientModel: requested),
            facts.ClientKey, probe.Body.PreviousResponseId, context.RequestAborted);
        if (decision.Refusal is { } refusal)
            return await ProxyResult.RefuseAsync(context, facts, refusal, dialect);
        var plan = decision.Order;
        var model = ModelRewrite.For(plan[0], requested, resolved);
        var askUsage = StreamUsageSupport.Accepts(plan[0], context.Request.QueryString.Value ?? "");
        var first = model is null && askUsage
            ? probe : dialect.Patch(body, route.Kind, model, askUsage);
        if (first.Body is null)
        {
            planner.Unused(decision);
            return await RefuseMalformedAsync(context, facts, first, dialect);
        }
        facts = facts with { PlannedProvider = plan[0].Name, FirstPatch = first.Body };
        var lookup = await cacheFlow.BeginAsync(context, config, route, first.Body,
            facts.ClientKey, startedAt);
        if (lookup.Answer is { } cached)
        {
            planner.Unused(decision);
            return ProxyResult.Of(facts, [], cached, lookup.Outcome);
        }
        try
        {
            var result = await attempts.RunAsync(
                context, snapshot, route, facts, plan, body, startedAt);
            if (ServedBy(result) is { } provider)
                planner.Served(config, facts.ClientKey, resolved ?? "", provider);
            return result with
            {
                Parts = result.Parts with { Cache = lookup.Outcome },
                Session = lookup.Session,
            };
        }
        catch
        {
            cacheFlow.Abandon(lookup.Session);
            throw;
        }
    }

    // The provider whose own successful answer reached the client (what sticky routing keeps).
    private static string? ServedBy(ProxyResult result) =>
        result.Parts.Answer is Answer.Relayed { LastResort: false, Relay.Status: < 400 }
            ? result.Parts.Attempts[^1].Record.Provider
            : null;

    private static Task<ProxyResult> RefuseMalformedAsync(
        HttpContext context, RequestFacts facts, PatchResult patch, Dialect dialect) =>
        ProxyResult.RefuseAsync(context, facts, patch.Error!, dialect);
}
