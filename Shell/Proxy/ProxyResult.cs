using System.Collections.Immutable;
using Menshen.Core.Dialects;
using Menshen.Core.Errors;
using Menshen.Core.Exchanges;
using Menshen.Shell.Caching;
using Menshen.Shell.Wire;

namespace Menshen.Shell.Proxy;

/// What a proxy handler returns: the parts to compose the exchange from, and the cache session
/// to finish once it is composed (null when the request was not cacheable or already answered).
public sealed record ProxyResult(ExchangeParts Parts, CacheSession? Session = null)
{
    /// Tells the client the gateway's error in its dialect, and returns that answer (with the
    /// body sent, which the audit keeps like any response body).
    public static async Task<ProxyResult> RefuseAsync(
        HttpContext context, RequestFacts facts, GatewayError error, Dialect dialect)
    {
        var sent = await GatewayErrors.SendAsync(context, error, dialect);
        return Of(facts, [],
            new Answer.Refused(error, context.RequestAborted.IsCancellationRequested, sent));
    }

    /// A 413 for a body the gateway did not read: the connection closes after it, and what the
    /// client still sends is read and dropped first (LingeringDrain).
    public static async Task<ProxyResult> RefuseUnreadAsync(
        HttpContext context, RequestFacts facts, GatewayError error, Dialect dialect, long limit)
    {
        LingeringDrain.CloseAfterAnswer(context);
        var result = await RefuseAsync(context, facts, error, dialect);
        await LingeringDrain.DrainAsync(context, limit);
        return result;
    }

    /// No provider answered: the error Core picks goes out (nothing when the client left).
    public static async Task<ProxyResult> UnansweredAsync(
        HttpContext context, RequestFacts facts, ImmutableArray<TriedAttempt> attempts,
        Answer.Unanswered unanswered, Dialect dialect)
    {
        var records = attempts.Select(a => a.Record).ToArray();
        var sent = FailedAnswer.Error(unanswered, records) is { } error
            ? await GatewayErrors.SendAsync(context, error, dialect)
            : ReadOnlyMemory<byte>.Empty;
        return Of(facts, attempts, unanswered with { Sent = sent });
    }

    public static ProxyResult Of(
        RequestFacts facts, ImmutableArray<TriedAttempt> attempts, Answer answer,
        CacheOutcome? cache = null, CacheSession? session = null) =>
        new(new ExchangeParts(facts, attempts, cache ?? CacheOutcome.NotCacheable, answer),
        session);
}
