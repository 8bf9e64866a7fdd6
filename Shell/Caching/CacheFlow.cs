using Menshen.Core.Caching;
using Menshen.Core.Config;
using Menshen.Core.Http;
using Menshen.Core.Routing;
using Menshen.Core.Usage;
using Menshen.Shell.Audit;

namespace Menshen.Shell.Caching;

/// The cache around one understood request: look up (or wait for an identical request in
/// flight) before going upstream, and store the answer after, when Core says it may be replayed.
public sealed class CacheFlow(ResponseCache cache, TimeProvider clock)
{
    /// Null when the request is not cacheable. A session whose <see cref="CacheSession.Served"/>
    /// is true has already answered the client from the cache.
    public async Task<CacheSession?> BeginAsync(
        HttpContext context, GatewayConfig config, EndpointKind kind, PatchedBody effective, ExchangeDraft draft)
    {
        if (!config.Cache.Enabled) return null;
        var computed = CacheKey.Compute(kind, effective.Body.Span);
        var key = computed.IsSucc ? (string)computed : null;
        if (key is null) return null;
        draft.CacheKey = key;
        var directive = CacheControl.Parse(context.Request.Headers.CacheControl);
        if (directive != CacheDirective.Normal)
        {
            draft.Cache = CacheStatus.Bypass;
            context.Response.Headers["X-Cache"] = "BYPASS";
            return new CacheSession(key, directive, leading: false);
        }
        var hit = await cache.LookupAsync(key, config.Cache, context.RequestAborted);
        var leading = false;
        if (hit is null && !effective.Stream)
        {
            var pending = cache.JoinOrLead(key);
            leading = pending is null;
            if (pending is not null) hit = await pending.WaitAsync(context.RequestAborted);
        }
        if (hit is not null)
        {
            await ServeAsync(context, hit, effective.HideUsageChunk, draft);
            return new CacheSession(key, directive, leading: false) { Served = true };
        }
        draft.Cache = CacheStatus.Miss;
        context.Response.Headers["X-Cache"] = "MISS";
        return new CacheSession(key, directive, leading);
    }

    /// After the answer went out: store it when eligible, and hand it to any waiting followers.
    public void Finish(CacheSession session, GatewayConfig config, ExchangeDraft draft)
    {
        CacheEntry? entry = null;
        var candidate = new CacheCandidate(draft.Status, draft.Complete, draft.ResponseBytes,
            draft.ClientClosed, session.Directive);
        if (CacheEligibility.Decide(candidate, config.Cache).Reason == CacheRejection.None
            && draft.ResponseBody is { Truncated: false } body)
        {
            draft.CacheEligible = true;
            entry = new CacheEntry(draft.Id, draft.Status, draft.ResponseContentType, body.Bytes,
                draft.Usage, draft.CostUsd, clock.GetUtcNow());
            cache.Remember(session.Key, entry);
        }
        if (session.Leading) cache.Release(session.Key, entry);
    }

    /// A leader that failed before answering must still release its followers.
    public void Abandon(CacheSession session)
    {
        if (session.Leading) cache.Release(session.Key, null);
    }

    private async Task ServeAsync(HttpContext context, CacheEntry hit, bool hideUsageChunk, ExchangeDraft draft)
    {
        draft.Cache = CacheStatus.Hit;
        draft.CacheSourceId = hit.SourceId;
        draft.Status = hit.Status;
        draft.Usage = hit.Usage;
        draft.UsageSource = hit.Usage is null ? UsageSource.None : UsageSource.Cache;
        draft.CostUsd = hit.CostUsd;
        draft.ResponseContentType = hit.ContentType;
        draft.ResponseBytes = hit.Body.Length;
        draft.Provider = null;
        draft.MarkFirstByte();
        await CacheReplay.WriteAsync(context, hit, hideUsageChunk, CacheFreshness.Age(hit.StoredAt, clock.GetUtcNow()));
        draft.Complete = true;
    }
}

/// One request's cache state between lookup and store.
public sealed class CacheSession(string key, CacheDirective directive, bool leading)
{
    public string Key => key;
    public CacheDirective Directive => directive;
    public bool Leading => leading;
    public bool Served { get; init; }
}
