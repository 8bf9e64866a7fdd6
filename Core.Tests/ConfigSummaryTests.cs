using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Tests;

public class ConfigSummaryTests
{
    [Fact]
    public void Render_never_contains_a_secret() =>
        ConfigGens.ValidRaw.Sample(raw =>
        {
            var config = ValidationResults.Value(ConfigValidation.Validate(raw, ConfigGens.Env));

            var actual = ConfigSummary.Render(config, "config.toml");

            Assert.All(Secrets(config), s => Assert.DoesNotContain(s, actual, StringComparison.Ordinal));
        });

    [Fact]
    public void Render_small_config()
    {
        var raw = TestConfigs.With(
            TestConfigs.Provider("https://api.openai.com/v1") with
            {
                ApiKey = "sk-proj-0123456789abcdefWXYZ",
                Model = "gpt-4o",
                Headers = [new("x-title", "menshen")],
            },
            TestConfigs.Provider("https://api.deepseek.com?key=abcdefghijklmnopqrst") with { Name = "deepseek", Weight = 0 }) with
        {
            Listen = ":8080",
            Failover = RawFailover.Empty with { OnStatus = TestConfigs.Statuses("429", "500..599") },
            Pricing = [new RawPrice("gpt-4o", 2.5m, 10m, null)],
        };

        var actual = ConfigSummary.Render(TestConfigs.Valid(raw), "/etc/menshen.toml");

        Assert.Equal(
            """
            config: /etc/menshen.toml (valid)
            listen: :8080
            providers: 2 (1 enabled)
              - api.openai.com: https://api.openai.com/v1, weight 1
                api_key: sk-…WXYZ
                model: forced to gpt-4o
                header x-title: …
              - deepseek: https://api.deepseek.com?key=abc…qrst, weight 0 (disabled)
                api_key: none (the client's own Authorization is forwarded)
            upstream: timeout 300s; idle connections not capped per host (max_idle_conns_per_host has no effect)
            failover: on for statuses 429, 500..599, network errors and timeouts; after 3 failures in a row a provider cools down for 30s
            storage: ./data/ai-menshen.db, keeps 90 days
            cache: on, bodies up to 5 MiB, max age none (until retention)
            logging: request bodies on, response bodies on, each up to 8 MiB
            server: request bodies up to 32 MiB, header timeout 30s, shutdown grace 30s
            access: any Host (listen is beyond loopback; set allowed_hosts to restrict); pages of other origins refused
            auth: off
            pricing: gpt-4o
            warning: :8080 is reachable from other machines and auth is off: anyone who can connect can spend your provider keys

            """,
            actual);
    }

    [Fact]
    public void Render_auth_shows_key_names_only()
    {
        var raw = TestConfigs.Minimal with
        {
            Auth = new RawAuth(true, "admin", "correct-horse-battery", "tok-0123456789abcdef", [new("alice", "tok-alice-0123456789")]),
        };

        var actual = ConfigSummary.Render(TestConfigs.Valid(raw), "c.toml");

        Assert.Contains("auth: on (dashboard user admin, password set, token tok…cdef); client keys: alice\n", actual, StringComparison.Ordinal);
        Assert.DoesNotContain("cor", actual, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-alice", actual, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Secrets(GatewayConfig config) =>
        config.Providers.SelectMany(p => p.Headers.Select(h => h.Value).Append(p.ApiKey))
            .Concat([config.Auth.Password, config.Auth.Token, .. config.Auth.Keys.Select(k => k.Token)])
            .Where(s => s.Length >= 8);
}
