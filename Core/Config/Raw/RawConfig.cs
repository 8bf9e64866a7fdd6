using System.Collections.Immutable;

namespace Menshen.Core.Config.Raw;

/// What the config file says, before defaults, env expansion and validation. Null means "not
/// given".
public sealed record RawConfig(
    string? Listen,
    bool? Verbose,
    RawAuth Auth,
    ImmutableArray<RawProvider> Providers,
    RawUpstream Upstream,
    RawFailover Failover,
    RawStorage Storage,
    RawCache Cache,
    RawLogging Logging,
    RawServer Server,
    ImmutableArray<RawPrice> Pricing)
{
    /// An empty file: every key left to its default (and no provider, which validation rejects).
    public static RawConfig Empty { get; } = new(
        null, null, RawAuth.Empty, [], RawUpstream.Empty, RawFailover.Empty, RawStorage.Empty,
        RawCache.Empty, RawLogging.Empty, RawServer.Empty, []);

    /// `[aliases]` and `[routing]` (new).
    public RawRouting Routing { get; init; } = RawRouting.Empty;
}
