using System.Collections.Immutable;

namespace Menshen.Core.Routing;

/// Affinity (SPEC §13): which answers make a response id → provider mapping. Only a provider's
/// own successful answer does: an error carries no response a follow-up could continue.
public static class ResponseAffinity
{
    /// The waits before each further lookup of an id that no stored row holds yet, on a
    /// database several instances share: another instance may have made that answer a moment
    /// ago and still hold its row in its writer's open transaction (its commit window, 20 ms,
    /// plus its queue), and an agent sends the next turn within milliseconds, through any
    /// instance (helper-55). 1.5 s in all, paid only for an id that stays unknown: 0.5 s was
    /// too short for a loaded instance (a follow-up went to a random provider in a test run at
    /// a load of 11 on two cores), and a follow-up sent to the wrong provider fails anyway.
    public static readonly ImmutableArray<TimeSpan> SharedStoreWaits =
    [
        TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(30),
        TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100),
        TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(1000),
    ];

    /// Whether waiting for an unknown id's origin (SharedStoreWaits) can change what happens to
    /// `query`: more than one provider might take it, or none (a follow-up without a model goes
    /// to the response's producer), or responses belong to their client keys (passthrough =
    /// "models"). One candidate takes it either way, so it does not wait (helper-56: 0.5 s for
    /// every unknown id with a single provider).
    public static bool OriginMayMatter(Config.GatewayConfig config, RouteQuery query)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Server.Passthrough == Config.PassthroughMode.Models
            || RouteCandidates.Of(config.Providers, query.Model, query.Endpoint,
                query.PassthroughApi).Length != 1;
    }

    /// Whether a response id read from an answer of `status` is remembered (and audited).
    public static bool Remembers(int status) => status is >= 200 and < 300;

    /// The response id a passed-through path names: `responses/{id}` and the paths below it
    /// (`/cancel`, `/input_items`), which only the response's producer can answer (retrieving a
    /// background response by polling). `upstreamPath` is canonical, without `/v1`.
    public static string? IdInPath(string upstreamPath)
    {
        ArgumentNullException.ThrowIfNull(upstreamPath);
        const string Prefix = "/responses/";
        if (!upstreamPath.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var rest = upstreamPath.AsSpan(Prefix.Length);
        var end = rest.IndexOf('/');
        var id = end < 0 ? rest : rest[..end];
        return id.IsEmpty ? null : id.ToString();
    }
}
