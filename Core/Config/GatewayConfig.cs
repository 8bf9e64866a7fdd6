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
}
