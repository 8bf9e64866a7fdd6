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
        var url = UpstreamUrl.Build(provider.BaseUrl, upstreamPath, client.QueryString.Value ?? "");
        var message = new HttpRequestMessage(MethodOf(client.Method), url) { Content = content };
        CopyForwardedHeaders(client.Headers, message,
            RequestHeaderPolicy.ForwardsClientCredential(provider, gatewayAuth), provider);
        var injected = DialectTable.For(provider.Api)
            .InjectKey(provider, name => client.Headers[name], gatewayAuth);
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
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                message.Content?.Headers.TryAddWithoutValidation(name,
                    (IEnumerable<string?>)values);
        }
    }

    private static void Set(HttpRequestMessage message, string name, string value)
    {
        message.Headers.Remove(name);
        if (message.Headers.TryAddWithoutValidation(name, value)) return;
        if (message.Content is null) return;
        message.Content.Headers.Remove(name);
        message.Content.Headers.TryAddWithoutValidation(name, value);
    }
}
