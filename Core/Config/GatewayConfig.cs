using System.Collections.Immutable;

namespace Menshen.Core.Config;

/// The validated, defaulted, env-expanded configuration the gateway runs on.
public sealed record GatewayConfig(
    ListenAddress Listen,
    bool Verbose,
    AuthConfig Auth,
    ImmutableArray<ProviderConfig> Providers,
    UpstreamConfig Upstream,
    FailoverConfig Failover,
    StorageConfig Storage,
    CacheConfig Cache,
    LoggingConfig Logging,
    ServerConfig Server,
    ImmutableDictionary<string, ModelPrice> Pricing)
{
    /// `[aliases]` and `[routing]` (new); the default routes as a config without them always did.
    public RoutingConfig Routing { get; init; } = RoutingConfig.Default;

    /// One cache per client key (CacheScope): asked for with `[cache] shared = false`, and
    /// always under `[server] passthrough = "models"`, whose members keep out of each other's
    /// stored data. Only with gateway auth, which names the keys.
    public bool CachesPerClientKey =>
        Auth.Enabled && (!Cache.Shared || Server.Passthrough == PassthroughMode.Models);
}
