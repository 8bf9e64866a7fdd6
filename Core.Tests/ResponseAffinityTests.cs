using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class ResponseAffinityTests
{
    // helper-56: an unknown id waited 0.5 s for other instances even where one provider takes the
    // request whoever made the response.
    [Fact]
    public void An_origin_may_matter_unless_exactly_one_provider_takes_the_request() =>
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2], Gen.Enum<PassthroughMode>()).Sample(
            (serving, others, mode) =>
            {
                var providers = Enumerable.Range(0, serving)
                    .Select(i => RoutingGens.Provider($"gpt{i}") with { Models = ["gpt-*"] })
                    .Concat(Enumerable.Range(0, others)
                        .Select(i => RoutingGens.Provider($"other{i}") with { Models = ["o-*"] }))
                    .ToImmutableArray();
                var failover = new FailoverConfig(true, RoutingGens.DefaultOnStatus, 3,
                    TimeSpan.FromSeconds(30));
                var config = RoutingGens.Config(providers, failover);
                config = config with { Server = config.Server with { Passthrough = mode } };
                var query = new RouteQuery("gpt-5", EndpointKind.Responses);

                return ResponseAffinity.OriginMayMatter(config, query)
                    == (serving != 1 || mode == PassthroughMode.Models);
            });
}
