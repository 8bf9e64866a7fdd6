using Menshen.Core.Caching;
using Menshen.Core.Config;

namespace Menshen.Core.Exchanges;

/// The cache fields of a composed record: hit and source for a replay; for a cacheable request
/// that went upstream, whether its answer may be stored and, if not, the first reason why not.
internal static class CacheVerdicts
{
    /// `outcome`: the answer as the record will hold it (status, completeness, bytes, body).
    public static CacheVerdict Of(AnswerOutcome outcome, ExchangeParts parts, CacheConfig config)
    {
        if (parts.Answer is Answer.Replayed replayed)
            return new(CacheStatus.Hit, replayed.Entry.SourceId, parts.Cache.Key, false,
                CacheRejection.None);
        var unjudged = new CacheVerdict(parts.Cache.Status, null, parts.Cache.Key, false,
            CacheRejection.None);
        if (parts.Cache.Key is null || parts.Answer is Answer.Refused) return unjudged;
        var candidate = new CacheCandidate(outcome.Status, outcome.Complete,
            outcome.ResponseBytes, outcome.ClientClosed, parts.Cache.Directive);
        var reason = CacheEligibility.Decide(candidate, config).Reason;
        // A truncated capture is never stored: it is not the answer (TooLarge covers it, as the
        // capture holds at least max_body_bytes; this keeps the rule true whatever the caps).
        var whole = outcome.ResponseBody is { Truncated: false };
        var keyed = AnsweredTheKeyedBody(parts);
        var stored = reason == CacheRejection.None && whole && keyed;
        return unjudged with
        {
            Eligible = stored,
            Rejection = stored || reason != CacheRejection.None ? reason
                : !whole ? CacheRejection.TooLarge
                : CacheRejection.OtherBody,
        };
    }

    // The key is made of the first planned provider's body; an answer is its answer only when
    // the provider that gave it was sent those same bytes.
    private static bool AnsweredTheKeyedBody(ExchangeParts parts) =>
        parts.Attempts.IsEmpty || parts.Request.FirstPatch is not { } keyed
        || parts.Attempts[^1].Patch is not { } sent || ReferenceEquals(sent, keyed)
        || sent.Body.Span.SequenceEqual(keyed.Body.Span);
}

/// The cache fields of one record (Exchange's Cache, CacheSourceId, CacheKey, CacheEligible,
/// CacheRejection), decided before the record is made so that it is made once.
internal readonly record struct CacheVerdict(CacheStatus Status, long? SourceId, string? Key,
    bool Eligible, CacheRejection Rejection);
