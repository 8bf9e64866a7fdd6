using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Http;

public static class RequestHeaderPolicy
{
    /// Names listed in a `Connection` header value (comma separated), lower-cased.
    public static ImmutableHashSet<string> ConnectionTokens(string? connectionHeader) =>
        throw new NotImplementedException();

    /// False for hop-by-hop headers, those named in `Connection`, Host, Content-Length,
    /// client credential headers (Authorization, x-api-key, api-key) and Accept-Encoding.
    public static bool ShouldForward(string name, ImmutableHashSet<string> connectionTokens) =>
        throw new NotImplementedException();

    /// Headers to set upstream, in order: Authorization from the provider key (or the client's own
    /// Authorization when the key is empty and gateway auth is off), then provider headers last.
    public static ImmutableArray<HeaderValue> Injected(
        ProviderConfig provider, string? clientAuthorization, bool gatewayAuthEnabled) =>
        throw new NotImplementedException();
}
