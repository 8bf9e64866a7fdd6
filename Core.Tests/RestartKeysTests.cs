using CsCheck;
using Menshen.Core.Config;

namespace Menshen.Core.Tests;

public class RestartKeysTests
{
    private static readonly GatewayConfig Before = TestConfigs.Valid(TestConfigs.Minimal);

    [Fact]
    public void Changed_is_empty_for_the_same_config() =>
        Assert.Empty(RestartKeys.Changed(Before, Before));

    [Fact]
    public void Changed_names_the_listener_and_server_limits_but_not_providers()
    {
        var after = Before with
        {
            Listen = Before.Listen with { Port = Before.Listen.Port + 1 },
            Server = Before.Server with { MaxRequestBodyBytes = Before.Server.MaxRequestBodyBytes + 1 },
            Providers = [],
        };

        var actual = RestartKeys.Changed(Before, after);

        Assert.Equal(new[] { "listen", "server.max_request_body_bytes" }, actual.ToArray());
    }

    // helper-58: the warning named the table, `[server]`, where the docs promise the key.
    [Fact]
    public void Changed_names_each_server_key_that_needs_a_restart()
    {
        var after = Before with
        {
            Server = Before.Server with
            {
                HeaderTimeout = Before.Server.HeaderTimeout + TimeSpan.FromSeconds(1),
                ShutdownGrace = Before.Server.ShutdownGrace + TimeSpan.FromSeconds(1),
                AllowedHosts = ["gateway.lan"],
            },
        };

        var actual = RestartKeys.Changed(Before, after);

        Assert.Equal(new[] { "server.header_timeout", "server.shutdown_grace" }, actual.ToArray());
    }

    // Every combination of a changed listener, body limit, grace, hosts, database path,
    // retention and providers.
    private static readonly Gen<GatewayConfig> Loaded = Gen.Select(
        Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool,
        Gen.Bool, Gen.Bool,
        (listen, limit, grace, hosts, path, retention, providers) => Before with
        {
            Listen = listen ? Before.Listen with { Port = Before.Listen.Port + 1 } : Before.Listen,
            Server = Before.Server with
            {
                MaxRequestBodyBytes = Before.Server.MaxRequestBodyBytes + (limit ? 1 : 0),
                ShutdownGrace = Before.Server.ShutdownGrace + TimeSpan.FromSeconds(grace ? 1 : 0),
                AllowedHosts = hosts ? ["gateway.lan"] : Before.Server.AllowedHosts,
            },
            Storage = Before.Storage with
            {
                SqlitePath = path ? "/elsewhere.db" : Before.Storage.SqlitePath,
                RetentionDays = Before.Storage.RetentionDays + (retention ? 1 : 0),
            },
            Providers = providers ? [] : Before.Providers,
        });

    [Fact]
    public void Applied_keeps_what_needs_a_restart_and_takes_everything_else() =>
        Loaded.Sample(loaded =>
        {
            var actual = RestartKeys.Applied(Before, loaded);

            return RestartKeys.Changed(Before, actual).IsEmpty
                && actual.Providers == loaded.Providers
                && actual.Server.AllowedHosts == loaded.Server.AllowedHosts
                && actual.Storage.RetentionDays == loaded.Storage.RetentionDays
                && actual.Storage.SqlitePath == Before.Storage.SqlitePath
                && actual.Server.MaxRequestBodyBytes == Before.Server.MaxRequestBodyBytes
                && RestartKeys.Changed(actual, loaded).SequenceEqual(RestartKeys.Changed(Before, loaded));
        });
}
