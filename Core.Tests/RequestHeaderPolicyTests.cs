using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class RequestHeaderPolicyTests
{
    private static readonly ImmutableHashSet<string> NoTokens = RequestHeaderPolicy.ConnectionTokens(null);

    private static readonly Gen<string> Token = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz-"], 1, 12];

    private static readonly Gen<(ProviderConfig Provider, string? Client, bool GatewayAuth)> Injection =
        Gen.Select(
            Gen.OneOf("", "sk-provider"),
            RoutingGens.ProviderHeader.Array[0, 4],
            Gen.OneOf<string?>(null, "", "Bearer sk-client"),
            Gen.Bool,
            (key, headers, client, auth) => (
                RoutingGens.Provider("p", apiKey: key) with { Headers = [.. headers] }, client, auth));

    [Fact]
    public void ShouldForward_never_forwards_credential_or_hop_by_hop_headers() =>
        Gen.Select(RoutingGens.NeverForwardedName, Gen.OneOf<string?>(null, "keep-alive", "x-foo, Upgrade"))
            .Sample((name, connection) =>
                !RequestHeaderPolicy.ShouldForward(name, RequestHeaderPolicy.ConnectionTokens(connection)));

    [Fact]
    public void ShouldForward_never_forwards_headers_named_in_connection() =>
        Gen.Select(Token.Array[1, 4], Gen.OneOf(",", ", ", " ,\t"), Gen.Int[0, 3])
            .SelectMany((tokens, separator, pick) => RoutingGens.AnyCase(tokens[pick % tokens.Length])
                .Select(name => (string.Join(separator, tokens), name)))
            .Sample((connection, name) =>
                !RequestHeaderPolicy.ShouldForward(name, RequestHeaderPolicy.ConnectionTokens(connection)));

    [Fact]
    public void ShouldForward_forwards_end_to_end_headers_not_named_in_connection() =>
        RoutingGens.EndToEndName.Sample(name =>
            RequestHeaderPolicy.ShouldForward(name, RequestHeaderPolicy.ConnectionTokens("keep-alive, x-other")));

    // helper-46: `OpenAI-Organization: org-ATTACKER` went on beside the operator's key, so a
    // client chose which organization of the operator's account paid (and the cache replayed
    // that answer to others). Only the client's own credential brings its account headers.
    [Theory]
    [InlineData("sk-operator", null, false, false)]
    [InlineData("sk-operator", null, true, false)]
    [InlineData("", null, true, false)]
    [InlineData("", "api-key", false, false)]
    [InlineData("", "Authorization", false, false)]
    [InlineData("", "x-title", false, true)]
    [InlineData("", null, false, true)]
    public void Account_headers_go_on_only_with_the_clients_own_credential(string apiKey,
        string? header, bool gatewayAuth, bool expected)
    {
        var provider = RoutingGens.Provider("p", apiKey: apiKey) with
        {
            Headers = header is null ? [] : [new HeaderValue(header, "v")],
        };

        var client = RequestHeaderPolicy.ForwardsClientCredential(provider, gatewayAuth);

        Assert.Equal(expected, client);
        Assert.All(["OpenAI-Organization", "openai-project"], name =>
            Assert.Equal(expected, RequestHeaderPolicy.ShouldForward(name, NoTokens, client)));
        Assert.True(RequestHeaderPolicy.ShouldForward("x-title", NoTokens, client));
    }

    [Theory]
    [InlineData("Authorization", true)]
    [InlineData("x-goog-api-key", true)]
    [InlineData("Ocp-Apim-Subscription-Key", true)]
    [InlineData("cf-aig-authorization", true)]
    [InlineData("X-Amz-Security-Token", true)]
    [InlineData("Cookie", true)]
    [InlineData("Idempotency-Key", false)]
    [InlineData("OpenAI-Organization", false)]
    [InlineData("anthropic-beta", false)]
    [InlineData("User-Agent", false)]
    public void CredentialHeaders_know_a_credential_by_its_name(string name, bool expected) =>
        Assert.Equal(expected, CredentialHeaders.IsCredential(name));

    [Fact]
    public void A_provider_whose_headers_set_a_gemini_key_never_gets_the_client_s_key()
    {
        var provider = RoutingGens.Provider("gemini") with
        {
            Headers = [new HeaderValue("x-goog-api-key", "KC-SECRET")],
        };

        var actual = RequestHeaderPolicy.Injected(provider, "Bearer CLIENTKEY", false);

        Assert.DoesNotContain(actual, h => h.Value == "Bearer CLIENTKEY");
    }

    [Theory]
    [InlineData("Helicone-Auth")]
    [InlineData("cf-aig-authorization")]
    [InlineData("x-portkey-api-key")]
    [InlineData("X-Session-Tag")]
    [InlineData("Cookie")]
    public void A_gateway_s_or_observer_s_own_header_goes_with_the_client_s_key(string name)
    {
        // helper-63: these set in a provider's headers stopped the client's own OpenAI key.
        var provider = RoutingGens.Provider("observed") with
        {
            Headers = [new HeaderValue(name, "Bearer sk-observer")],
        };

        var actual = RequestHeaderPolicy.Injected(provider, "Bearer CLIENTKEY", false);

        Assert.Contains(actual, h => h.Value == "Bearer CLIENTKEY");
    }

    [Theory]
    [InlineData("Origin", true)]
    [InlineData("Referer", true)]
    [InlineData("Sec-Fetch-Site", true)]
    [InlineData("sec-ch-ua-platform", true)]
    [InlineData("HTTP2-Settings", true)]
    [InlineData("Cookie", true)]
    [InlineData("Proxy-Authorization", true)]
    [InlineData("Authorization", false)]
    [InlineData("x-api-key", false)]
    [InlineData("User-Agent", false)]
    [InlineData("Secret-Header", false)]
    public void A_browser_s_context_is_never_forwarded_and_credentials_may_be(
        string name, bool never)
    {
        Assert.Equal(never, RequestHeaderPolicy.NeverForwarded(name));
        if (never) Assert.False(RequestHeaderPolicy.ShouldForward(name, NoTokens));
        if (name is "User-Agent" or "Secret-Header")
            Assert.True(RequestHeaderPolicy.ShouldForward(name, NoTokens));
    }

    [Fact]
    public void ConnectionTokens_are_trimmed_lower_cased_and_non_empty()
    {
        var actual = RequestHeaderPolicy.ConnectionTokens(" Keep-Alive ,,X-Foo,\tupgrade ");

        Assert.Equal(new[] { "keep-alive", "upgrade", "x-foo" }, actual.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ShouldForward_token_set_with_ordinal_comparer_still_matches_any_case()
    {
        var tokens = ImmutableHashSet.Create("x-secret");

        var actual = RequestHeaderPolicy.ShouldForward("X-Secret", tokens);

        Assert.False(actual);
    }

    [Fact]
    public void Injected_provider_headers_win_over_authorization_whatever_the_case() =>
        Injection.Sample((provider, client, auth) =>
        {
            var actual = RequestHeaderPolicy.Injected(provider, client, auth);

            // The last header of a name wins; set empty, it removes the name.
            return provider.Headers.All(h => actual
                .Where(a => SameName(a, h.Name))
                .SequenceEqual(provider.Headers.Last(p => SameName(p, h.Name)) is var last
                    && last.Value.Length > 0 ? [last] : Array.Empty<HeaderValue>()));
        });

    [Fact]
    public void Injected_names_are_unique_ignoring_case() =>
        Injection.Sample((provider, client, auth) =>
        {
            var actual = RequestHeaderPolicy.Injected(provider, client, auth);

            var distinct = actual.Select(h => h.Name).Distinct(StringComparer.OrdinalIgnoreCase);
            return distinct.Count() == actual.Length;
        });

    [Fact]
    public void Injected_authorization_is_provider_key_else_client_passthrough_without_gateway_auth() =>
        Injection.Where((p, _, _) => !p.Headers.Any(h => SameName(h, "Authorization")))
            .Sample((provider, client, auth) =>
            {
                // A model API key in the provider's headers (Azure's api-key, Gemini's
                // x-goog-api-key) is its own key too.
                var ownHeader = provider.Headers.Any(h => h.Value.Length > 0
                    && (SameName(h, "api-key") || SameName(h, "x-api-key")
                        || SameName(h, "x-goog-api-key")
                        || SameName(h, "Ocp-Apim-Subscription-Key")));
                string? expected = provider.ApiKey.Length > 0 ? "Bearer " + provider.ApiKey
                    : !auth && !ownHeader && !string.IsNullOrEmpty(client) ? client
                    : null;

                var actual = RequestHeaderPolicy.Injected(provider, client, auth)
                    .SingleOrDefault(h => SameName(h, "Authorization"))?.Value;

                return actual == expected;
            });

    [Fact]
    public void Injected_never_carries_the_client_authorization_when_gateway_auth_is_on() =>
        Injection.Sample((provider, _, _) =>
            RequestHeaderPolicy.Injected(provider, "Bearer sk-client", gatewayAuthEnabled: true)
                .All(h => h.Value != "Bearer sk-client"));

    [Fact]
    public void Injected_client_key_never_goes_beside_a_credential_in_the_providers_headers()
    {
        // Azure by `headers = { "api-key" = … }`: a client's own OpenAI key must not go along.
        var azure = RoutingGens.Provider("azure") with { Headers = [new("api-key", "az-key")] };

        var actual = RequestHeaderPolicy.Injected(azure, "Bearer sk-client-own", false);

        Assert.Equal(new HeaderValue[] { new("api-key", "az-key") }, actual);
    }

    // helper-58: `headers = { "User-Agent" = "" }` removed only an injected header; the client's
    // own went on. A name the provider's headers set (to a value or to "") is the provider's:
    // the client's header of that name never goes on beside or instead of it.
    [Theory]
    [InlineData("User-Agent", "", "user-agent", false)]
    [InlineData("x-drop", "", "X-DROP", false)]
    [InlineData("x-team", "a", "x-team", false)]
    [InlineData("x-team", "a", "x-other", true)]
    public void A_name_the_provider_headers_set_is_not_forwarded_from_the_client(string header,
        string value, string clientHeader, bool expected)
    {
        var provider = RoutingGens.Provider("p", apiKey: "k") with
        {
            Headers = [new HeaderValue(header, value)],
        };

        var actual = RequestHeaderPolicy.ShouldForward(clientHeader, NoTokens, false, provider);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Injected_a_provider_header_set_empty_is_not_sent()
    {
        // As nginx's proxy_set_header with "": the way to send no Authorization at all.
        var provider = RoutingGens.Provider("p", apiKey: "k1") with
        {
            Headers = [new("Authorization", ""), new("x-team", "a")],
        };

        var actual = RequestHeaderPolicy.Injected(provider, "Bearer client", false);

        Assert.Equal(new HeaderValue[] { new("x-team", "a") }, actual);
    }

    [Fact]
    public void Injected_key_and_api_key_header_come_in_order()
    {
        var provider = RoutingGens.Provider("azure", apiKey: "k1") with { Headers = [new("api-key", "k2")] };

        var actual = RequestHeaderPolicy.Injected(provider, "Bearer client", gatewayAuthEnabled: false);

        Assert.Equal(new HeaderValue[] { new("Authorization", "Bearer k1"), new("api-key", "k2") }, actual);
    }

    // Mutation testing (helper-93): each header in which a model API takes its key is the
    // provider's key when its headers set it; a gateway's or observer's own is not.
    [Theory]
    [InlineData("Authorization", true)]
    [InlineData("api-key", true)]
    [InlineData("X-API-KEY", true)]
    [InlineData("x-goog-api-key", true)]
    [InlineData("ocp-apim-subscription-key", true)]
    [InlineData("Helicone-Auth", false)]
    [InlineData("x-portkey-api-key", false)]
    public void IsProviderKey_names_the_model_apis_key_headers(string name, bool expected)
    {
        var provider = RoutingGens.Provider("p") with { Headers = [new HeaderValue(name, "k")] };

        Assert.Equal(expected, CredentialHeaders.IsProviderKey(name));
        Assert.Equal(expected, ProviderHeaders.CarryCredential(provider));
        Assert.Equal(!expected, RequestHeaderPolicy.ForwardsClientCredential(provider, false));
    }

    // A key header set to "" removes the name; it is no key of the provider's.
    [Fact]
    public void A_provider_key_header_set_empty_carries_no_credential() =>
        Assert.False(ProviderHeaders.CarryCredential(RoutingGens.Provider("p") with
        {
            Headers = [new HeaderValue("x-api-key", "")],
        }));

    [Theory]
    [InlineData("api-key")]
    [InlineData("API-KEY")]
    [InlineData("X-Api-Key")]
    [InlineData("authorization")]
    public void A_client_credential_header_may_be_forwarded(string name) =>
        Assert.False(RequestHeaderPolicy.NeverForwarded(name));

    private static bool SameName(HeaderValue header, string name) =>
        header.Name.Equals(name, StringComparison.OrdinalIgnoreCase);
}
