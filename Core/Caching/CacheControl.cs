using Menshen.Core.Errors;

namespace Menshen.Core.Caching;

public static class CacheControl
{
    /// The answer to an `only-if-cached` request the cache cannot answer.
    public static readonly GatewayError NotCached = new(GatewayErrorKind.NotCached,
        "No stored answer matches this request, and its Cache-Control: only-if-cached forbids "
        + "asking the upstream.");

    /// True when the request says `only-if-cached` (RFC 9111 §5.2.1.7): a stored answer or a
    /// 504, never a call upstream. Independent of <see cref="Parse"/>: with `no-cache` or
    /// `no-store` beside it, no stored answer may be used either, so the answer is the 504.
    public static bool OnlyIfCached(string? cacheControlHeader)
    {
        if (string.IsNullOrEmpty(cacheControlHeader)) return false;
        foreach (var (name, _) in Directives(cacheControlHeader))
        {
            if (name.Equals("only-if-cached", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// Reads a request's `Cache-Control` (several header lines may be joined with commas).
    /// Directive names are case-insensitive; `no-store` wins over `no-cache`; `max-age=0` asks
    /// for a fresh answer as RFC 9111 says, so it is read as `no-cache`. Unknown ones are ignored.
    public static CacheDirective Parse(string? cacheControlHeader)
    {
        var result = CacheDirective.Normal;
        foreach (var (name, value) in Directives(cacheControlHeader))
        {
            if (name.Equals("no-store", StringComparison.OrdinalIgnoreCase))
            {
                return CacheDirective.NoStore;
            }
            if (name.Equals("no-cache", StringComparison.OrdinalIgnoreCase)
                || (name.Equals("max-age", StringComparison.OrdinalIgnoreCase) && value == "0"))
            {
                result = CacheDirective.NoCache;
            }
        }
        return result;
    }

    /// The oldest entry a request's `max-age=N` accepts, for the lookup (RFC 9111 §5.2.1.1: no
    /// response older than N seconds). An entry's age counts in whole seconds, as its `Age`
    /// header says, so an entry is acceptable while younger than N + 1 s. Null without a
    /// positive `max-age` (0 is `no-cache`; a malformed value is ignored).
    public static TimeSpan? MaxAge(string? cacheControlHeader)
    {
        TimeSpan? result = null;
        foreach (var (name, value) in Directives(cacheControlHeader))
        {
            if (!name.Equals("max-age", StringComparison.OrdinalIgnoreCase)) continue;
            if (!long.TryParse(value, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                || seconds <= 0) continue;
            var accepted = TimeSpan.FromSeconds(Math.Min(seconds, MaxSeconds) + 1);
            result = result is { } earlier && earlier < accepted ? earlier : accepted;
        }
        return result;
    }

    /// The cache settings a lookup runs with: `config`, its max_age tightened by the request's
    /// `max-age` when it sets one (never widened), and by `retentionDays` (0: none). An answer
    /// older than retention keeps is no longer served from memory either, its row purged (SPEC
    /// §7: entries expire with retention; helper-91 got hits two days after the purge with
    /// `max_age = 0`).
    public static Menshen.Core.Config.CacheConfig ForLookup(
        Menshen.Core.Config.CacheConfig config, string? cacheControlHeader, int retentionDays)
    {
        ArgumentNullException.ThrowIfNull(config);
        var kept = retentionDays > 0 ? TimeSpan.FromDays(retentionDays) : (TimeSpan?)null;
        var maxAge = LookupMaxAge(LookupMaxAge(config.MaxAge, MaxAge(cacheControlHeader)), kept);
        return maxAge == config.MaxAge ? config : config with { MaxAge = maxAge };
    }

    /// The freshness limit for a lookup: the configured `max_age` (zero: none), tightened by
    /// the request's own `max-age`.
    public static TimeSpan LookupMaxAge(TimeSpan configured, TimeSpan? requested) =>
        requested is not { } limit ? configured
        : configured > TimeSpan.Zero && configured < limit ? configured : limit;

    // About 30 years: any larger max-age is "no limit" and must not overflow a TimeSpan.
    private const long MaxSeconds = 1_000_000_000;

    // Each `name` or `name=value` of the header (several lines may be joined with commas), the
    // name and value trimmed, a quoted value unquoted.
    private static IEnumerable<(string Name, string Value)> Directives(string? header)
    {
        foreach (var part in (header ?? "").Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            yield return equals < 0 ? (part, "")
                : (part[..equals].Trim(), part[(equals + 1)..].Trim().Trim('"'));
        }
    }
}
