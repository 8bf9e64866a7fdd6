namespace Menshen.Core.Routing;

public static class UpstreamUrl
{
    /// base_url + upstream path + merged query (base_url's query first, then the client's).
    /// `clientQuery` is the raw query string with or without its leading `?`, or empty.
    public static Uri Build(Uri baseUrl, string upstreamPath, string clientQuery) =>
        throw new NotImplementedException();
}
