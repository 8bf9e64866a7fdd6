using System.Collections.Immutable;
using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Exchanges;
using Menshen.Core.Http;
using Menshen.Core.Metrics;

namespace Menshen.Core.Logging;

/// The parts of the one log line per request that are more than a field: the cache status as
/// a word, the providers tried when there was more than one (a failover was invisible in the
/// log: only the provider that answered was named), and the note with its leading space (none,
/// and no trailing space, when there is no note).
public static class RequestLogFields
{
    public static string Cache(CacheStatus status) => status switch
    {
        CacheStatus.Miss => "miss",
        CacheStatus.Hit => "hit",
        CacheStatus.Bypass => "bypass",
        _ => "-",
    };

    /// " tried=bad:500,slow:timeout,good:200", or "" for one attempt or none.
    public static string Tried(ImmutableArray<AttemptRecord> attempts) =>
        TriedList(attempts) is { } list ? " tried=" + list : "";

    /// "bad:500,slow:timeout,good:200" (the JSON line's `Tried`), or null for one attempt or
    /// none.
    public static string? TriedList(ImmutableArray<AttemptRecord> attempts) =>
        attempts.Length < 2 ? null
        : string.Join(",", attempts.Select(a =>
            $"{LogValue.Escape(a.Provider)}:{AttemptLabel.Outcome(a)}"));

    public static string Note(string? note) => note is null ? "" : " " + LogValue.Escape(note);

    /// Whether the line is a warning rather than information: the client got a server error
    /// (an outage read as INFO, and a journal filtered for warnings showed nothing), or an
    /// answer the upstream or the gateway broke after its status was sent (a stream cut or
    /// failed mid-way is a 200 with a note; helper-72). A client that left is information.
    public static bool Warns(int status, ErrorClass note) =>
        status >= 500 || note is ErrorClass.Upstream or ErrorClass.Gateway;
}
