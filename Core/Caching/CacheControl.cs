namespace Menshen.Core.Caching;

public static class CacheControl
{
    /// Reads a request's `Cache-Control` (several header lines may be joined with commas).
    /// Directive names are case-insensitive; `no-store` wins over `no-cache`; `max-age=0` asks
    /// for a fresh answer as RFC 9111 says, so it is read as `no-cache`. Unknown ones are ignored.
    public static CacheDirective Parse(string? cacheControlHeader)
    {
        var result = CacheDirective.Normal;
        foreach (var part in (cacheControlHeader ?? "").Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = (equals < 0 ? part : part[..equals]).Trim();
            var value = equals < 0 ? "" : part[(equals + 1)..].Trim().Trim('"');
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
}
