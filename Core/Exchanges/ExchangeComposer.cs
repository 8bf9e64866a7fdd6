using System.Collections.Immutable;
using Menshen.Core.Audit;
using Menshen.Core.Config;
using Menshen.Core.Pricing;
using Menshen.Core.Routing;

namespace Menshen.Core.Exchanges;

/// Composes the one audit record of a request from what its steps returned. The only place an
/// <see cref="Exchange"/> of the request path is made: status, note and "client closed" are
/// decided here and nowhere else.
public static class ExchangeComposer
{
    public static Exchange Compose(
        ExchangeStart start, ExchangeParts parts, double durationMs, GatewayConfig config)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(config);
        var outcome = AnswerOutcome.Of(parts, config.Logging.LogResponseBody);
        var patch = parts.Attempts.IsEmpty ? parts.Request.FirstPatch
            : parts.Attempts[^1].Patch ?? parts.Request.FirstPatch;
        // A request no provider was asked (refused, or answered by the gateway) spent nothing:
        // 0, not "no price", which the reports keep for an unpriced model that was asked; so
        // did an answer that spends nothing whatever its usage (NothingSpent), for a priced
        // model or none (a passed-through read): an unpriced model stays "no price".
        var price = PriceBook.Find(config.Pricing, patch?.EffectiveModel);
        var cost = parts.Answer is Answer.Replayed ? outcome.ReplayedCost
            : parts.Attempts.IsEmpty ? 0m
            : outcome.Usage is { } usage ? CostCalculator.Cost(usage, price)
            : (price is not null || patch?.EffectiveModel is null)
                && NothingSpent.Of(parts.Request.Endpoint, outcome.Status,
                    parts.Answer is Answer.Relayed, parts.Request.PlainRead) ? 0m
            : null;
        var verdict = CacheVerdicts.Of(outcome, parts, config.Cache);
        // Made once, with every field (a record made and then copied by `with` per step was
        // three copies of the largest object a request allocates).
        var exchange = new Exchange
        {
            Id = start.Id,
            StartedAt = start.StartedAt,
            ClientKey = parts.Request.ClientKey,
            Method = start.Method,
            Path = start.Path,
            Endpoint = parts.Request.Endpoint,
            Provider = ProviderOf(parts),
            RequestedModel = ModelName.ForRecord(patch?.RequestedModel),
            EffectiveModel = ModelName.ForRecord(patch?.EffectiveModel),
            ResolvedModel = ModelName.ForRecord(parts.Request.ResolvedModel),
            Stream = patch?.Stream ?? false,
            Status = outcome.Status,
            DurationMs = durationMs,
            TtfbMs = outcome.TtfbMs,
            Attempts = ImmutableArray.CreateRange(parts.Attempts, static a => a.Record),
            Note = outcome.Note,
            ClientClosed = outcome.ClientClosed,
            RequestBytes = parts.Request.RequestBytes,
            RequestBody = parts.Request.RequestBody,
            CostUsd = cost,
            ResponseId = ResponseIdOf(parts.Answer),
            ResponseBytes = outcome.ResponseBytes,
            ResponseBody = outcome.ResponseBody,
            ResponseBodyForLog = outcome.ResponseBody is null || config.Logging.LogResponseBody,
            ResponseContentType = outcome.ContentType,
            Complete = outcome.Complete,
            Usage = outcome.Usage,
            UsageSource = outcome.UsageSource,
            Cache = verdict.Status,
            CacheSourceId = verdict.SourceId,
            CacheKey = verdict.Key,
            CacheEligible = verdict.Eligible,
            CacheRejection = verdict.Rejection,
        };
        return WithinLogCap(exchange, config.Logging.MaxBodyBytes);
    }

    // One capture serves the log and the cache, so it may exceed `[logging] max_body_bytes`
    // (CapturePolicy). A replayable answer over it is kept whole for the cache and logged up to
    // the cap (helper-58: it was not logged at all); any other is cut to the cap, as a capture
    // of the log's own would have been.
    private static Exchange WithinLogCap(Exchange exchange, long cap)
    {
        if (cap <= 0 || exchange.ResponseBody is not { } body || body.Bytes.Length <= cap
            || !exchange.ResponseBodyForLog)
            return exchange;
        return ReplayEligibility.Of(exchange)
            ? exchange with { ResponseLogLimit = cap }
            : exchange with { ResponseBody = body with { Bytes = body.Bytes[..(int)cap] } };
    }

    /// The id of the response a provider answered with, when affinity remembers it.
    private static string? ResponseIdOf(Answer answer) =>
        answer is Answer.Relayed { Relay: var relay } && ResponseAffinity.Remembers(relay.Status)
            ? relay.Usage.ResponseId
            : null;

    /// The provider that answered: the last tried, or for a last-resort answer the last that
    /// answered at all; none for a replay; the planned one when the client left before any try.
    private static string? ProviderOf(ExchangeParts parts) => parts.Answer switch
    {
        Answer.Replayed => null,
        Answer.Relayed { LastResort: true } =>
        parts.Attempts.LastOrDefault(a => a.Record.Status is not null)
            ?.Record.Provider,
        Answer.Refused => parts.Attempts.LastOrDefault()?.Record.Provider,
        _ => parts.Attempts.LastOrDefault()?.Record.Provider ?? parts.Request.PlannedProvider,
    };
}
