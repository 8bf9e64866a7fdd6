using System.Collections.Immutable;
using Menshen.Core.Config;
using Menshen.Core.Errors;
using Menshen.Core.Http;
using Menshen.Core.Routing;
using Menshen.Shell.Audit;
using Menshen.Shell.Caching;
using Menshen.Shell.Hosting;
using Menshen.Shell.Http;

namespace Menshen.Shell.Proxy;

/// The understood endpoints: read the JSON body, patch it per provider, try providers in the
/// failover plan until one answers finally, then relay that answer as it streams.
public sealed class UnderstoodProxy(
    GatewayRuntime runtime, TimeProvider clock, Func<int, int> drawTicket, CacheFlow cacheFlow)
{
    public async Task HandleAsync(HttpContext context, ConfigSnapshot snapshot, EndpointRoute route, ExchangeDraft draft)
    {
        var config = snapshot.Config;
        var body = await RequestBodyReader.ReadAsync(context, config.Server.MaxRequestBodyBytes);
        if (body.Error is { } readError)
        {
            draft.ErrorNote = readError.Message;
            draft.ClientClosed = context.RequestAborted.IsCancellationRequested;
            await GatewayErrors.WriteAsync(context, readError.Kind, readError.Message);
            return;
        }
        draft.RequestBytes = body.Bytes.Length;
        if (config.Logging.LogRequestBody) draft.RequestBody = Captures.Of(body.Bytes, config.Logging.MaxBodyBytes);
        var plan = Plan(config, route.Kind);
        if (plan.IsEmpty)
        {
            await GatewayErrors.WriteAsync(context, GatewayErrorKind.NoProvider, "No provider is enabled.");
            return;
        }
        var first = BodyPatch.Apply(body.Bytes, route.Kind, plan[0].Model);
        if (first.IsFail)
        {
            draft.ErrorNote = "malformed JSON body";
            await GatewayErrors.WriteAsync(context, GatewayErrorKind.MalformedJson,
                $"We could not parse the JSON body of your request: {first.Match(_ => "", e => e.Message)}.");
            return;
        }
        await WithCacheAsync(context, snapshot, route, body.Bytes, plan, (PatchedBody)first, draft);
    }

    private async Task WithCacheAsync(
        HttpContext context, ConfigSnapshot snapshot, EndpointRoute route, ReadOnlyMemory<byte> body,
        ImmutableArray<ProviderConfig> plan, PatchedBody first, ExchangeDraft draft)
    {
        NoteRequest(draft, plan[0], first);
        var session = await cacheFlow.BeginAsync(context, snapshot.Config, route.Kind, first, draft);
        if (session is { Served: true }) return;
        var finished = false;
        try
        {
            await TryProvidersAsync(context, snapshot, route, body, plan, first, draft);
            if (session is not null) cacheFlow.Finish(session, snapshot.Config, draft);
            finished = true;
        }
        finally
        {
            if (session is not null && !finished) cacheFlow.Abandon(session);
        }
    }

    private ImmutableArray<ProviderConfig> Plan(GatewayConfig config, EndpointKind kind)
    {
        var total = WeightedSelection.TotalWeight(config.Providers);
        var ticket = total > 0 ? drawTicket(total) : 0;
        return RoutingPlan.Plan(config, kind, ticket, runtime.Health, clock.GetUtcNow());
    }

    private async Task TryProvidersAsync(
        HttpContext context, ConfigSnapshot snapshot, EndpointRoute route, ReadOnlyMemory<byte> body,
        ImmutableArray<ProviderConfig> plan, PatchedBody first, ExchangeDraft draft)
    {
        var config = snapshot.Config;
        AttemptResult? lastAnswer = null;
        AttemptFailure lastFailure = AttemptFailure.None;
        try
        {
            for (var i = 0; i < plan.Length && !context.RequestAborted.IsCancellationRequested; i++)
            {
                var provider = plan[i];
                var patched = i == 0 ? first : BodyPatch.Apply(body, route.Kind, provider.Model).ThrowIfFail();
                NoteRequest(draft, provider, patched);
                var attempt = await SendAsync(context, snapshot, route, provider, patched.Body);
                draft.AddAttempt(provider.Name, attempt.Status, attempt.Error, attempt.DurationMs);
                var outcome = RetryClassification.Classify(attempt.Status, attempt.Failure, config.Failover);
                if (!context.RequestAborted.IsCancellationRequested) RecordHealth(provider, outcome, config.Failover);
                if (outcome == AttemptOutcome.Final && attempt.Response is not null)
                {
                    using (attempt) await Relay.ForwardAsync(context, attempt, patched.HideUsageChunk, draft, config);
                    return;
                }
                lastFailure = attempt.Failure;
                if (attempt.Response is null) { attempt.Dispose(); continue; }
                lastAnswer?.Dispose();
                lastAnswer = attempt;
            }
            await FinishAsync(context, lastAnswer, lastFailure, draft, config);
        }
        finally
        {
            lastAnswer?.Dispose();
        }
    }

    /// Every provider failed: pass the last upstream answer on, else say none was reachable.
    private static async Task FinishAsync(
        HttpContext context, AttemptResult? lastAnswer, AttemptFailure lastFailure, ExchangeDraft draft,
        GatewayConfig config)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            draft.ClientClosed = true;
            draft.ErrorNote = "client_closed";
            draft.Status = 499;
            return;
        }
        if (lastAnswer is not null)
        {
            draft.Provider = LastAnswered(draft) ?? draft.Provider;
            draft.ErrorNote = "every provider failed; passing on the last upstream answer";
            await Relay.ForwardAsync(context, lastAnswer, hideUsageChunk: false, draft, config);
            return;
        }
        var kind = lastFailure == AttemptFailure.Timeout
            ? GatewayErrorKind.UpstreamTimeout
            : GatewayErrorKind.UpstreamUnreachable;
        draft.ErrorNote = draft.Attempts.Count > 0 ? draft.Attempts[^1].Error : "no upstream answered";
        draft.Status = Core.Errors.OpenAiErrorBody.Status(kind);
        await GatewayErrors.WriteAsync(context, kind, kind == GatewayErrorKind.UpstreamTimeout
            ? "The upstream provider did not answer in time."
            : "No upstream provider could be reached.");
    }

    private static string? LastAnswered(ExchangeDraft draft)
    {
        for (var i = draft.Attempts.Count - 1; i >= 0; i--)
            if (draft.Attempts[i].Status is not null) return draft.Attempts[i].Provider;
        return null;
    }

    private static Task<AttemptResult> SendAsync(
        HttpContext context, ConfigSnapshot snapshot, EndpointRoute route, ProviderConfig provider,
        ReadOnlyMemory<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body);
        var request = UpstreamRequestFactory.Create(
            context.Request, provider, route.UpstreamPath, content, snapshot.Config.Auth.Enabled);
        return UpstreamAttempt.SendAsync(
            snapshot.Transports.For(provider), request, snapshot.Config.Upstream.Timeout, context.RequestAborted);
    }

    private static void NoteRequest(ExchangeDraft draft, ProviderConfig provider, PatchedBody patched)
    {
        draft.Provider = provider.Name;
        draft.RequestedModel = patched.RequestedModel;
        draft.EffectiveModel = patched.EffectiveModel;
        draft.Stream = patched.Stream;
    }

    private void RecordHealth(ProviderConfig provider, AttemptOutcome outcome, FailoverConfig policy)
    {
        if (outcome == AttemptOutcome.TryNext)
            runtime.UpdateHealth(h => PassiveHealth.RecordFailure(h, provider.Name, clock.GetUtcNow(), policy));
        else if (runtime.Health.ByProvider.ContainsKey(provider.Name))
            runtime.UpdateHealth(h => PassiveHealth.RecordSuccess(h, provider.Name));
    }
}
