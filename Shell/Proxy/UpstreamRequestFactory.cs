using System.Collections.Immutable;
using Menshen.Core.Config;
using Menshen.Core.Dialects;
using Menshen.Core.Http;
using Menshen.Core.Routing;

namespace Menshen.Shell.Proxy;

/// Builds the upstream request from the client's: URL, forwarded headers, and the credentials
/// of the provider's own dialect (an `anthropic` provider's `x-api-key` on passthrough paths too).
public static class UpstreamRequestFactory
{
    public static HttpRequestMessage Create(
        HttpRequest client, ProviderConfig provider, CanonicalPath upstreamPath,
        HttpContent? content, bool gatewayAuth)
    {
        var url = UpstreamUrls.For(provider, upstreamPath, client.QueryString.Value ?? "");
        var message = new HttpRequestMessage(MethodOf(client.Method), url) { Content = content };
        CopyForwardedHeaders(client.Headers, message,
            RequestHeaderPolicy.ForwardsClientCredential(provider, gatewayAuth), provider);
        var headers = client.Headers;
        var injected = DialectTable.For(provider.Api).InjectKey(provider,
            new ClientKeyHeaders(headers.Authorization, headers["x-api-key"],
                headers["anthropic-version"]),
            gatewayAuth);
        foreach (var header in injected) Set(message, header.Name, header.Value);
        return message;
    }

    private static HttpMethod MethodOf(string method) =>
        HttpMethods.IsPost(method) ? HttpMethod.Post : HttpMethods.IsGet(method) ? HttpMethod.Get
        : new HttpMethod(method);

    private static void CopyForwardedHeaders(IHeaderDictionary headers, HttpRequestMessage message,
        bool clientAccount, ProviderConfig provider)
    {
        var connectionTokens = headers.Connection.Count == 0
            ? ImmutableHashSet<string>.Empty
            : RequestHeaderPolicy.ConnectionTokens(headers.Connection.ToString());
        foreach (var (name, values) in headers)
        {
            if (!RequestHeaderPolicy.ShouldForward(name, connectionTokens, clientAccount, provider))
                continue;
            // One value, nearly always, goes as a string: StringValues as an IEnumerable is
            // boxed, and so is its enumerator, twice a header when it belongs on the content.
            if (values.Count == 1)
            {
                var value = values[0];
                if (!message.Headers.TryAddWithoutValidation(name, value))
                    message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
            else if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                message.Content?.Headers.TryAddWithoutValidation(name,
                    (IEnumerable<string?>)values);
        }
    }

    // A header .NET keeps on the body: set among the request's own it throws ("Misused header
    // name", helper-59: every request through the provider was a 500). A request without a body
    // has nowhere to put one.
    private static void Set(HttpRequestMessage message, string name, string value)
    {
        if (ContentHeaders.Contains(name))
        {
            if (message.Content is null) return;
            message.Content.Headers.Remove(name);
            message.Content.Headers.TryAddWithoutValidation(name, value);
            return;
        }
        message.Headers.Remove(name);
        message.Headers.TryAddWithoutValidation(name, value);
    }

    // HttpContentHeaders' names (Content-Length and Transfer-Encoding are never set here: the
    // config refuses them).
    private static readonly System.Collections.Frozen.FrozenSet<string> ContentHeaders =
        System.Collections.Frozen.FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
            "Allow", "Content-Disposition", "Content-Encoding", "Content-Language",
            "Content-Length", "Content-Location", "Content-MD5", "Content-Range", "Content-Type",
            "Expires", "Last-Modified");
}
