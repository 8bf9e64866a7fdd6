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

    [Fact]
    public void A_provider_key_shares_the_cache()
    {
        var actual = CacheScope.Of(Config("sk-provider"), null, "Bearer sk-a", null, null);

        Assert.Null(actual);
    }

    [Fact]
    public void Client_keys_passed_upstream_scope_the_cache_by_every_credential_header()
    {
        var config = Config(null);

        string?[] actual = [CacheScope.Of(config, null, "Bearer sk-a", null, null),
            CacheScope.Of(config, null, null, "sk-a", null),
            CacheScope.Of(config, null, null, null, "sk-a"),
            CacheScope.Of(config, null, null, null, null)];

        Assert.Equal(new string?[] { "Bearer sk-a\n\n", "\nsk-a\n", "\n\nsk-a", "\n\n" }, actual);
    }

    [Fact]
    public void Gateway_auth_shares_the_cache_among_its_clients()
    {
        var config = Config(null);

        var actual = CacheScope.Of(config with { Auth = config.Auth with { Enabled = true } },
            "default", "Bearer gw-token", null, null);

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

        string?[] actual = [CacheScope.Of(unshared, "alice", "Bearer gw-a", null, null),
            CacheScope.Of(unshared, "alice", null, "gw-a", null),
            CacheScope.Of(unshared, "bob", "Bearer gw-b", null, null)];

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

        var (alice, bob) = (CacheScope.Of(models, "alice", "Bearer gw-a", null, null),
            CacheScope.Of(models, "bob", "Bearer gw-b", null, null));

        Assert.True(models.Cache.Shared);
        Assert.NotNull(alice);
        Assert.NotEqual(alice, bob);
    }
}
