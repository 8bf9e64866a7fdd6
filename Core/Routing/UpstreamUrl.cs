namespace Menshen.Core.Routing;

public static class UpstreamUrl
{
    /// base_url + upstream path (escaped: `Uri` finds nothing to decode or remove) + merged query
    /// (base_url's query first, then the client's).
    /// `clientQuery` is the raw query string with or without its leading `?`, or empty.
    public static Uri Build(Uri baseUrl, CanonicalPath upstreamPath, string clientQuery)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(upstreamPath);
        var origin = baseUrl.GetLeftPart(UriPartial.Authority);
        var path = JoinPaths(baseUrl.AbsolutePath, upstreamPath.Escaped);
        var query = MergeQueries(baseUrl.Query, clientQuery ?? "");
        return new Uri(origin + path + query, UriKind.Absolute);
    }

    // Exactly one slash at the join, whether or not base_url ends in `/` (`https://h/openai/`).
    private static string JoinPaths(string basePath, string upstreamPath) =>
        basePath.TrimEnd('/') + "/" + upstreamPath.TrimStart('/');

    // Azure's `api-version` lives in base_url and must survive; the client's parameters follow.
    private static string MergeQueries(string baseQuery, string clientQuery)
    {
        var first = baseQuery.TrimStart('?');
        var second = clientQuery.TrimStart('?');
        return (first.Length, second.Length) switch
        {
            (0, 0) => "",
            (_, 0) => "?" + first,
            (0, _) => "?" + second,
            _ => "?" + first + "&" + second,
        };
    }
}
