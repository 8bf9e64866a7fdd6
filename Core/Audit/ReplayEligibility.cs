using Menshen.Core.Caching;

namespace Menshen.Core.Audit;

/// Whether a stored response may later be replayed by the cache. Decided once, at write time.
public static class ReplayEligibility
{
    /// True only when the request path marked it eligible and the record proves it is safe to
    /// replay: a 200, complete, not cut short by the client, not itself a hit, and the whole
    /// body captured (a truncated capture must never be served).
    public static bool Of(Exchange exchange) =>
        exchange.CacheEligible
        && !string.IsNullOrEmpty(exchange.CacheKey)
        && exchange.Status == 200
        && exchange.Complete
        && !exchange.ClientClosed
        && exchange.Cache != CacheStatus.Hit
        && exchange.ResponseBody is { Truncated: false }
        // Whatever else the record says, an answer with a note (an error inside a 200) is none.
        && exchange.Note.Kind == Exchanges.NoteKind.None;
}
