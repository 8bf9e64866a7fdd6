namespace Menshen.Core.Routing;

public static class UpstreamUrl
{
    /// base_url + upstream path (escaped: `Uri` finds nothing to decode or remove) + merged query
    /// (base_url's query first, then the client's, less any parameter base_url names).
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
    // A client parameter that base_url also names is dropped: the operator's value is the one
    // the upstream reads (with both, servers differ on which wins, and a key or version set in
    // base_url could be overridden by any client).
    private static string MergeQueries(string baseQuery, string clientQuery)
    {
        var first = baseQuery.TrimStart('?');
        var second = clientQuery.TrimStart('?');
        if (first.Length > 0 && second.Length > 0) second = WithoutNamesOf(first, second);
        return (first.Length, second.Length) switch
        {
            (0, 0) => "",
            (_, 0) => "?" + first,
            (0, _) => "?" + second,
            _ => "?" + first + "&" + second,
        };
    }

    private static string WithoutNamesOf(string baseQuery, string clientQuery)
    {
        // Names compare without case and without control characters or blanks around them:
        // servers differ on both (ASP.NET, Azure's, reads names without case).
        var fixedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in baseQuery.Split('&')) fixedNames.Add(NameOf(pair));
        var kept = clientQuery.Split('&').Where(pair => !fixedNames.Contains(NameOf(pair)));
        return string.Join('&', kept);
    }

    // A parameter's name as the upstream decodes it (`api%2Dversion` is `api-version`).
    internal static string NameOf(string pair)
    {
        var end = pair.IndexOf('=', StringComparison.Ordinal);
        var name = end < 0 ? pair : pair[..end];
        var decoded = Uri.UnescapeDataString(name.Replace('+', ' '));
        return decoded.Any(char.IsControl)
            ? new string([.. decoded.Where(c => !char.IsControl(c))]).Trim()
            : decoded.Trim();
    }
}
