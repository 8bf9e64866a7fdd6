using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Tests;

public class ConfigValidationTests
{
    [Fact]
    public void Validate_generated_valid_config_succeeds() =>
        ConfigGens.ValidRaw.Sample(raw =>
            Assert.Empty(ValidationResults.Messages(ConfigValidation.Validate(raw, ConfigGens.Env))));

    // Secrets may end up in bad values; the message must describe the problem without them.
    [Fact]
    public void Validate_error_messages_never_contain_a_secret() =>
        Gen.Select(ConfigGens.Secret, Gen.OneOf("{0}${{", "{0}${{1x}}", "{0}$MENSHEN_UNSET", "{0}"))
            .Sample((secret, template) =>
            {
                var bad = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, secret);
                var raw = TestConfigs.With(TestConfigs.Provider("https://a.example") with
                {
                    ApiKey = bad,
                    Proxy = bad,
                    Headers = [new HeaderValue("api-key", bad + "\n")],
                }) with
                {
                    Auth = new RawAuth(true, "admin", bad, bad, [new RawClientKey("k", bad)]),
                };

                var actual = TestConfigs.Errors(raw);

                Assert.NotEmpty(actual);
                Assert.All(actual, m => Assert.DoesNotContain(secret, m, StringComparison.Ordinal));
            });

    [Fact]
    public void Validate_minimal_config_gets_every_default()
    {
        var actual = TestConfigs.Valid(TestConfigs.Minimal);

        Assert.Equal(new ListenAddress("127.0.0.1", 8080), actual.Listen);
        Assert.False(actual.Verbose);
        Assert.Equal(AuthConfig.Disabled, actual.Auth);
        var provider = Assert.Single(actual.Providers);
        Assert.Equal(("api.openai.com", "https://api.openai.com/v1", "", 1, null), (provider.Name, provider.BaseUrl.AbsoluteUri, provider.ApiKey, provider.Weight, provider.Model));
        Assert.Equal(new UpstreamConfig(TimeSpan.FromSeconds(300), 8), actual.Upstream);
        Assert.Equal((true, 104, 3, TimeSpan.FromSeconds(30)), (actual.Failover.Enabled, actual.Failover.OnStatus.Length, actual.Failover.UnhealthyAfter, actual.Failover.Cooldown));
        Assert.Equal(new StorageConfig(90, "./data/ai-menshen.db"), actual.Storage);
        Assert.Equal(new CacheConfig(true, 5_242_880, TimeSpan.Zero), actual.Cache);
        Assert.Equal(new LoggingConfig(true, true, 8_388_608), actual.Logging);
        Assert.Equal(new ServerConfig(33_554_432, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)), actual.Server);
        Assert.Empty(actual.Pricing);
    }

    [Fact]
    public void Validate_accepts_zero_idle_connections_per_host_as_ai_menshen_does()
    {
        // Go's http.Transport reads 0 as its default; an ai-menshen config may say so.
        var raw = TestConfigs.With(TestConfigs.Provider("https://a.example")) with
        {
            Upstream = new RawUpstream(300, 0),
        };

        Assert.Empty(TestConfigs.Errors(raw));
    }

    [Fact]
    public void Validate_reports_every_error_at_once()
    {
        var raw = TestConfigs.With(TestConfigs.Provider("https://a.example"), TestConfigs.Provider("https://b.example") with { Weight = -3 }) with
        {
            Listen = "nowhere",
            Upstream = new RawUpstream(-1, -1),
            Cache = new RawCache(null, null, -60),
        };

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(
            [
                "listen: expected host:port, :port or [ipv6]:port (such as 127.0.0.1:8080), got 'nowhere' (no port)",
                "providers[1].weight: must not be negative, got -3",
                "upstream.timeout: must not be negative, got -1",
                "upstream.max_idle_conns_per_host: must not be negative, got -1",
                "cache.max_age: must not be negative, got -60",
            ],
            actual);
    }

    [Fact]
    public void Validate_unset_variable_names_the_key_and_the_variable()
    {
        var raw = TestConfigs.With(TestConfigs.Provider("https://a.example") with { ApiKey = "${OPENAI_API_KEY}" });

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(
            ["providers[0].api_key: environment variable OPENAI_API_KEY is not set (set it, or write ${OPENAI_API_KEY:-default})"],
            actual);
    }

    [Fact]
    public void Validate_expands_storage_path()
    {
        var raw = TestConfigs.Minimal with { Storage = new RawStorage(null, "${STATE:-/var/lib}/menshen.db") };

        var actual = TestConfigs.Valid(raw, new Dictionary<string, string> { ["STATE"] = "/srv" });

        Assert.Equal("/srv/menshen.db", actual.Storage.SqlitePath);
    }
}
