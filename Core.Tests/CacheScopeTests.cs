using Menshen.Core.Caching;
using Menshen.Core.Config;

namespace Menshen.Core.Tests;

public class CacheScopeTests
{
    private static GatewayConfig Config(string? apiKey) =>
        TestConfigs.Valid(TestConfigs.With(TestConfigs.Provider("https://api.openai.com/v1") with
        {
            ApiKey = apiKey,
        }));

    private static (string Name, string Value)[] H(string? authorization = null,
        string? xApiKey = null, string? apiKey = null)
    {
        var headers = new List<(string, string)> { ("Content-Type", "application/json") };
        if (authorization is not null) headers.Add(("Authorization", authorization));
        if (xApiKey is not null) headers.Add(("x-api-key", xApiKey));
        if (apiKey is not null) headers.Add(("api-key", apiKey));
        return [.. headers];
    }

    [Fact]
    public void A_provider_key_shares_the_cache()
    {
        var actual = CacheScope.Of(Config("sk-provider"), null, H("Bearer sk-a", null, null));

        Assert.Null(actual);
    }

    // One provider that takes the client's own key is enough to split the cache by it.
    [Fact]
    public void One_provider_that_passes_client_keys_upstream_scopes_the_cache()
    {
        var config = Config(null);
        var mixed = config with
        {
            Providers = [config.Providers[0] with { ApiKey = "sk-provider" }, config.Providers[0]],
        };

        Assert.Equal("authorization: Bearer sk-a\n", CacheScope.Of(mixed, null, H("Bearer sk-a")));
    }

    [Fact]
    public void A_provider_key_in_its_headers_shares_the_cache()
    {
        var config = Config(null);
        var azure = config with
        {
            Providers = [config.Providers[0] with { Headers = [new HeaderValue("api-key", "az")] }],
        };

        Assert.Null(CacheScope.Of(azure, null, H("Bearer sk-a")));
    }

    [Fact]
    public void Client_keys_passed_upstream_scope_the_cache_by_every_credential_header()
    {
        var config = Config(null);

        string?[] actual = [CacheScope.Of(config, null, H("Bearer sk-a", null, null)),
            CacheScope.Of(config, null, H(null, "sk-a", null)),
            CacheScope.Of(config, null, H(null, null, "sk-a")),
            CacheScope.Of(config, null, H(null, null, null))];

        Assert.Equal(new string?[]
        {
            "authorization: Bearer sk-a\n", "x-api-key: sk-a\n", "api-key: sk-a\n", "",
        }, actual);
    }

    [Fact]
    public void Gateway_auth_shares_the_cache_among_its_clients()
    {
        var config = Config(null);

        var actual = CacheScope.Of(config with { Auth = config.Auth with { Enabled = true } },
            "default", H("Bearer gw-token"));

        Assert.Null(actual);
    }

    [Fact]
    public void Unshared_the_cache_is_one_per_client_key_name()
    {
        var config = Config("sk-provider");
        var unshared = config with
        {
            Auth = config.Auth with { Enabled = true },
            Cache = config.Cache with { Shared = false },
        };

        string?[] actual = [CacheScope.Of(unshared, "alice", H("Bearer gw-a", null, null)),
            CacheScope.Of(unshared, "alice", H(null, "gw-a", null)),
            CacheScope.Of(unshared, "bob", H("Bearer gw-b", null, null))];

        Assert.Equal(actual[0], actual[1]);
        Assert.NotEqual(actual[0], actual[2]);
        Assert.NotNull(actual[0]);
        Assert.DoesNotContain("gw-", actual[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Under_passthrough_models_the_cache_is_one_per_client_key_even_when_shared()
    {
        var config = Config("sk-provider");
        var models = config with
        {
            Auth = config.Auth with { Enabled = true },
            Server = config.Server with { Passthrough = PassthroughMode.Models },
        };

        var (alice, bob) = (CacheScope.Of(models, "alice", H("Bearer gw-a", null, null)),
            CacheScope.Of(models, "bob", H("Bearer gw-b", null, null)));

        Assert.True(models.Cache.Shared);
        Assert.NotNull(alice);
        Assert.NotEqual(alice, bob);
    }

    [Theory]
    [InlineData("x-goog-api-key")]
    [InlineData("Ocp-Apim-Subscription-Key")]
    [InlineData("X-Amz-Security-Token")]
    [InlineData("x-auth-token")]
    public void Client_keys_passed_upstream_under_any_credential_name_scope_the_cache(string name)
    {
        // helper-62: a client with no key read the answer cached for another's Gemini key.
        var config = Config(null);

        var (keyed, keyless) = (CacheScope.Of(config, null, [.. H(), (name, "VICTIM")]),
            CacheScope.Of(config, null, H()));

        Assert.NotEqual(keyed, keyless);
    }

    [Theory]
    [InlineData("Idempotency-Key")]
    [InlineData("Cookie")]
    [InlineData("X-Claude-Code-Session-Id")]
    [InlineData("session_id")]
    [InlineData("User-Agent")]
    public void Headers_that_carry_no_credential_upstream_do_not_split_the_cache(string name)
    {
        var config = Config(null);

        Assert.Equal(CacheScope.Of(config, null, H("Bearer sk-a")),
            CacheScope.Of(config, null, [.. H("Bearer sk-a"), (name, "x")]));
    }
}
