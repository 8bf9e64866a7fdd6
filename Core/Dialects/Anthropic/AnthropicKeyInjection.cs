using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Dialects.Anthropic;

/// How an `anthropic` provider gets its key (SPEC §14): `x-api-key`, never `Authorization`
/// unless the provider's `headers` set one; `anthropic-version` added when the client sent none
/// (the client's own `anthropic-version` and `anthropic-beta` are forwarded as they came).
public static class AnthropicKeyInjection
{
    public const string DefaultVersion = "2023-06-01";

    /// Headers to set upstream, in order; a provider header replaces an earlier one of its name.
    /// Without an `api_key` and with gateway auth off, the client's own `x-api-key` (else its
    /// `Authorization`) goes upstream as it came (client-key passthrough).
    public static ImmutableArray<HeaderValue> Injected(
        ProviderConfig provider, Http.ClientKeyHeaders client, bool gatewayAuthEnabled)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var headers = new List<HeaderValue>(provider.Headers.Length + 2);
        if (Credential(provider, client, gatewayAuthEnabled) is { } credential)
        {
            headers.Add(credential);
        }
        if (string.IsNullOrEmpty(client.AnthropicVersion))
        {
            headers.Add(new HeaderValue("anthropic-version", DefaultVersion));
        }
        return Http.ProviderHeaders.Apply(headers, provider);
    }

    // With gateway auth on, the client's credential is the gateway token: never forwarded.
    private static HeaderValue? Credential(
        ProviderConfig provider, Http.ClientKeyHeaders client, bool gatewayAuthEnabled)
    {
        if (provider.ApiKey.Length > 0)
        {
            return new HeaderValue("x-api-key", provider.ApiKey);
        }
        if (!Http.RequestHeaderPolicy.ForwardsClientCredential(provider, gatewayAuthEnabled))
        {
            return null;
        }
        return client.XApiKey is { Length: > 0 } key ? new HeaderValue("x-api-key", key)
            : client.Authorization is { Length: > 0 } authorization
                ? new HeaderValue("Authorization", authorization)
            : null;
    }
}
