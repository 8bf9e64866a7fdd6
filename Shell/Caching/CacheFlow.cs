using System.Diagnostics;
using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Config;
using Menshen.Core.Exchanges;
using Menshen.Core.Http;
using Menshen.Core.Routing;
using Menshen.Shell.Wire;

namespace Menshen.Shell.Caching;

/// The cache around one understood request: look up (or wait for an identical request in
/// flight) before going upstream, and store the answer after, when Core says it may be replayed.
public sealed class CacheFlow(ResponseCache cache, TimeProvider clock)
{
    /// What the lookup did. A lookup with an <see cref="CacheLookup.Answer"/> has already
    /// answered the client (a hit, or the 504 of `only-if-cached`), or found it gone.
    public Task<CacheLookup> BeginAsync(
        HttpContext context, GatewayConfig config, EndpointRoute route, PatchedBody effective,
        string? clientKey, long startedAt)
    {
        var onlyIfCached = CacheControl.OnlyIfCached(context.Request.Headers.CacheControl);
        // With the cache off nothing is looked up: no task of its own for every request.
        return !config.Cache.Enabled && !onlyIfCached ? NotCacheable
            : BeginLookingAsync(context, config, route, effective, clientKey, startedAt,
                onlyIfCached);
    }

    private static readonly Task<CacheLookup> NotCacheable =
        Task.FromResult(CacheLookup.NotCacheable);

    private async Task<CacheLookup> BeginLookingAsync(
        HttpContext context, GatewayConfig config, EndpointRoute route, PatchedBody effective,
        string? clientKey, long startedAt, bool onlyIfCached)
    {
        var lookup = await LookUpAsync(context, config, route, effective, clientKey, startedAt,
            onlyIfCached);
        if (!onlyIfCached || lookup.Answer is not null) return lookup;
        // RFC 9111 §5.2.1.7: the stored answer or a 504, never the upstream's.
        var sent = await GatewayErrors.SendAsync(context, CacheControl.NotCached, route.Dialect);
        return new(lookup.Outcome, null, new Answer.Refused(CacheControl.NotCached,
            context.RequestAborted.IsCancellationRequested, sent));
    }

    private async Task<CacheLookup> LookUpAsync(
        HttpContext context, GatewayConfig config, EndpointRoute route, PatchedBody effective,
        string? clientKey, long startedAt, bool lookOnly)
    {
        if (!config.Cache.Enabled) return CacheLookup.NotCacheable;
        var headers = context.Request.Headers;
        var scope = CacheScope.Of(config, clientKey,
            headers.Select(h => (h.Key, h.Value.ToString())));
        var variant = CacheVariant.Of(context.Request.QueryString.Value, headers,
            static (all, name) => all[name]);
        var key = CacheKey.Of(route.Kind, effective.Body.Span, CacheVariant.Join(scope, variant));
        if (key is null) return CacheLookup.NotCacheable;
        var directive = CacheControl.Parse(context.Request.Headers.CacheControl);
        if (directive != CacheDirective.Normal)
        {
            context.Response.Headers["X-Cache"] = "BYPASS";
            return new(new CacheOutcome(CacheStatus.Bypass, key, directive),
                new CacheSession(key, false));
        }
        var lookup = CacheControl.ForLookup(config.Cache, headers.CacheControl,
            config.Storage.RetentionDays);
        var (hit, leading) = await FindAsync(context, key, lookup,
            lookOnly: effective.Stream || lookOnly);
        if (hit is null && context.RequestAborted.IsCancellationRequested)
        {
            if (leading) cache.Release(key, null, leaderLeft: true);
            return new(new CacheOutcome(CacheStatus.None, key, directive), null,
                new Answer.Unanswered(true, Core.Routing.AttemptFailure.None, Passthrough: false));
        }
        if (hit is not null)
        {
            var injectedBy = effective.HideUsageChunk ? route.Dialect : null;
            var replayed = await ReplayAsync(context, hit, injectedBy, startedAt);
            return new(new CacheOutcome(CacheStatus.Hit, key, directive), null, replayed);
        }
        context.Response.Headers["X-Cache"] = "MISS";
        return new(new CacheOutcome(CacheStatus.Miss, key, directive),
            new CacheSession(key, leading));
    }

    /// After the exchange is composed: remember its answer when Core says it may be replayed,
    /// and hand it to any waiting followers.
    public void Finish(CacheSession session, Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(session);
        var entry = CacheEntry.From(exchange, clock.GetUtcNow());
        if (entry is not null) cache.Remember(session.Key, entry);
        // A leader whose client left asked upstream for nobody: its followers elect another.
        if (session.Leading) cache.Release(session.Key, entry, exchange.ClientClosed);
    }

    /// A leader that failed before answering must still release its followers.
    public void Abandon(CacheSession? session)
    {
        if (session is { Leading: true }) cache.Release(session.Key, null);
    }

    // Identical non-streaming misses wait for one leader instead of all going upstream; a stream,
    // or a request that will not go upstream (`lookOnly`), only looks. When the leader's client
    // left before any answer, its followers look again: one of them leads, the rest wait.
    private async Task<(CacheEntry? Hit, bool Leading)> FindAsync(
        HttpContext context, string key, CacheConfig config, bool lookOnly)
    {
        try
        {
            while (true)
            {
                var hit = await cache.LookupAsync(key, config, context.RequestAborted);
                if (hit is not null || lookOnly) return (hit, false);
                var pending = cache.JoinOrLead(key);
                if (pending is null) return (null, true);
                var outcome = await pending.WaitAsync(context.RequestAborted);
                if (!outcome.LeaderLeft) return (outcome.Entry, false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return (null, false);
        }
    }

    private async Task<Answer.Replayed> ReplayAsync(
        HttpContext context, CacheEntry hit, Core.Dialects.Dialect? injectedBy, long startedAt)
    {
        var ttfb = Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;
        try
        {
            await CacheReplay.WriteAsync(context, hit, injectedBy,
                CacheFreshness.Age(hit.StoredAt, clock.GetUtcNow()));
            return new Answer.Replayed(hit, Completed: true, ttfb);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return new Answer.Replayed(hit, Completed: false, ttfb);
        }
    }
}
