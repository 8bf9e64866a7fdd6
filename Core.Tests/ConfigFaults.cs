using System.Collections.Immutable;
using Menshen.Core.Config.Document;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Tests;

/// The catalogue of faults that apply to a valid config, each at its own key.
public static class ConfigFaults
{
    /// Every fault that applies to `raw`, each at a distinct key; `pick` chooses which provider.
    public static ImmutableArray<ConfigFault> For(RawConfig raw, int pick)
    {
        var i = pick % raw.Providers.Length;
        var p = $"providers[{i}]";
        var faults = new List<ConfigFault>
        {
            ConfigFault.OnRaw("listen", r => r with { Listen = "localhost" }),
            ConfigFault.OnRaw($"{p}.weight", r => Provider(r, i, x => x with { Weight = -3 })),
            ConfigFault.OnRaw($"{p}.base_url", r => Provider(r, i, x => x with { BaseUrl = "ftp://files.example" })),
            ConfigFault.OnRaw($"{p}.api_key", r => Provider(r, i, x => x with { ApiKey = "${MENSHEN_UNSET_KEY}" })),
            ConfigFault.OnRaw($"{p}.proxy", r => Provider(r, i, x => x with { Proxy = "proxy.local:3128" })),
            ConfigFault.OnRaw($"{p}.name", r => Provider(r, i, x => x with { Name = " " })),
            ConfigFault.OnDocument($"{p}.model", d => ConfigDocuments.SetInProvider(d, i, "model", new ConfigInteger(4))),
            ConfigFault.OnRaw($"{p}.priority", r => Provider(r, i, x => x with { Priority = 0 })),
            ConfigFault.OnRaw($"{p}.api", r => Provider(r, i, x => x with { Api = "gemini" })),
            ConfigFault.OnRaw($"{p}.models", r => Provider(r, i, x => x with { Models = [] })),
            ConfigFault.OnDocument($"{p}.modles", d => ConfigDocuments.SetInProvider(d, i, "modles", new ConfigString("o3"))),
            ConfigFault.OnRaw("routing.sticky", r => r with { Routing = r.Routing with { Sticky = "client" } }),
            ConfigFault.OnRaw("routing.sticky_ttl", r => r with { Routing = r.Routing with { StickyTtl = 0 } }),
            ConfigFault.OnDocument("aliases.fast", d => ConfigDocuments.Set(d, "aliases", "fast", new ConfigInteger(1))),
            ConfigFault.OnRaw("aliases.wide", r => r with
            {
                Routing = r.Routing with { Aliases = r.Routing.Aliases.Add(new RawAlias("wide", "gpt-*")) },
            }),
            ConfigFault.OnRaw("upstream.timeout", r => r with { Upstream = r.Upstream with { Timeout = -1 } }),
            ConfigFault.OnRaw("upstream.max_idle_conns_per_host", r => r with { Upstream = r.Upstream with { MaxIdleConnsPerHost = -1 } }),
            ConfigFault.OnRaw("failover.unhealthy_after", r => r with { Failover = r.Failover with { UnhealthyAfter = 0 } }),
            ConfigFault.OnRaw("failover.cooldown", r => r with { Failover = r.Failover with { Cooldown = -30 } }),
            ConfigFault.OnRaw("failover.on_status[0]", r => r with { Failover = r.Failover with { OnStatus = ["700"] } }),
            ConfigFault.OnRaw("storage.sqlite.path", r => r with { Storage = r.Storage with { SqlitePath = "${EMPTY}" } }),
            ConfigFault.OnRaw("storage.backend", r => r with { Storage = r.Storage with { Backend = "mysql" } }),
            ConfigFault.OnRaw("storage.postgres.pool_size", r => r with
            {
                Storage = r.Storage with { Postgres = r.Storage.Postgres with { PoolSize = 0 } },
            }),
            ConfigFault.OnRaw("cache.max_body_bytes", r => r with { Cache = r.Cache with { MaxBodyBytes = -1 } }),
            ConfigFault.OnRaw("cache.max_age", r => r with { Cache = r.Cache with { MaxAge = -1 } }),
            ConfigFault.OnRaw("logging.max_body_bytes", r => r with { Logging = r.Logging with { MaxBodyBytes = -5 } }),
            ConfigFault.OnRaw("server.max_request_body_bytes", r => r with { Server = r.Server with { MaxRequestBodyBytes = -1 } }),
            ConfigFault.OnRaw("server.header_timeout", r => r with { Server = r.Server with { HeaderTimeout = 0 } }),
            ConfigFault.OnRaw("server.shutdown_grace", r => r with { Server = r.Server with { ShutdownGrace = -1 } }),
            ConfigFault.OnRaw("pricing.bad-model.input", r => r with { Pricing = r.Pricing.Add(new RawPrice("bad-model", -1, 1, null)) }),
            ConfigFault.OnDocument("colour", d => ConfigDocuments.Set(d, "", "colour", new ConfigString("blue"))),
            ConfigFault.OnDocument("cache.max_body_byte", d => ConfigDocuments.Set(d, "cache", "max_body_byte", new ConfigInteger(1))),
            ConfigFault.OnDocument("verbose", d => ConfigDocuments.Set(d, "", "verbose", new ConfigString("yes"))),
            ConfigFault.OnDocument("logging.log_request_body", d => ConfigDocuments.Set(d, "logging", "log_request_body", new ConfigInteger(1))),
            ConfigFault.OnDocument("http_client.retries", d => ConfigDocuments.Set(d, "http_client", "retries", new ConfigInteger(5))),
        };
        if (raw.Auth.Enable == true)
        {
            faults.Add(ConfigFault.OnRaw("auth.token", r => r with { Auth = r.Auth with { Token = "" } }));
            faults.Add(ConfigFault.OnRaw("auth.user", r => r with { Auth = r.Auth with { User = null } }));
        }

        return [.. faults];
    }

    private static RawConfig Provider(RawConfig raw, int index, Func<RawProvider, RawProvider> edit) =>
        raw with { Providers = raw.Providers.SetItem(index, edit(raw.Providers[index])) };
}
