using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Dialects.Anthropic;

namespace Menshen.Core.Tests;

public class AnthropicKeyInjectionTests
{
    private static readonly ProviderConfig Keyed =
        new("a", new Uri("https://api.anthropic.com/v1"), "sk-ant-provider", [], null, 1, null)
        {
            Api = ProviderApi.Anthropic,
        };

    private static Func<string, string?> Client(params (string Name, string Value)[] headers) =>
        name => headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string[] Render(ProviderConfig provider, Func<string, string?> client, bool auth) =>
        [.. AnthropicKeyInjection.Injected(provider, Http.ClientKeyHeaders.From(client), auth)
            .Select(h => $"{h.Name}: {h.Value}")];

    [Fact]
    public void Provider_key_goes_as_x_api_key_with_the_default_version()
    {
        var actual = Render(Keyed, Client(("x-api-key", "client"), ("Authorization", "Bearer c")), false);

        Assert.Equal(["x-api-key: sk-ant-provider", "anthropic-version: 2023-06-01"], actual);
    }

    [Fact]
    public void A_client_version_means_no_default_is_added()
    {
        var actual = Render(Keyed, Client(("anthropic-version", "2026-10-21")), true);

        Assert.Equal(["x-api-key: sk-ant-provider"], actual);
    }

    [Fact]
    public void Provider_headers_come_last_and_may_set_authorization_or_replace_the_key()
    {
        var provider = Keyed with
        {
            Headers = [new HeaderValue("Authorization", "Bearer proxy"), new HeaderValue("X-Api-Key", "other")],
        };

        var actual = Render(provider, Client(), false);

        Assert.Equal(["anthropic-version: 2023-06-01", "Authorization: Bearer proxy", "X-Api-Key: other"], actual);
    }

    [Theory]
    [InlineData("k", "Bearer b", false, "x-api-key: k")]
    [InlineData(null, "Bearer b", false, "Authorization: Bearer b")]
    [InlineData("k", "Bearer b", true, null)]
    [InlineData(null, null, false, null)]
    public void Without_a_provider_key_the_clients_own_key_passes_only_with_auth_off(
        string? apiKey, string? authorization, bool auth, string? expected)
    {
        var headers = new List<(string, string)>();
        if (apiKey is not null) headers.Add(("x-api-key", apiKey));
        if (authorization is not null) headers.Add(("Authorization", authorization));

        var actual = Render(Keyed with { ApiKey = "" }, Client([.. headers]), auth);

        Assert.Equal(expected is null ? ["anthropic-version: 2023-06-01"] : [expected, "anthropic-version: 2023-06-01"], actual);
    }

    [Fact]
    public void With_gateway_auth_no_client_value_ever_goes_upstream() =>
        Gen.Select(Gen.String[1, 20], Gen.String[1, 20], Gen.Bool).Sample((key, bearer, keyed) =>
        {
            var provider = keyed ? Keyed : Keyed with { ApiKey = "" };

            var actual = AnthropicKeyInjection.Injected(provider, Http.ClientKeyHeaders.From(
                Client(("x-api-key", key), ("Authorization", bearer))), gatewayAuthEnabled: true);

            return actual.All(h => h.Value != key && h.Value != bearer || h.Value == provider.ApiKey);
        });
}
