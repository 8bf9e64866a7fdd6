using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class WeightedSelectionTests
{
    // Enumerating every ticket makes the law exact: no statistics needed.
    [Fact]
    public void Pick_over_all_tickets_picks_each_provider_exactly_its_weight_times() =>
        RoutingGens.ActiveProviders.Sample(providers =>
        {
            var total = WeightedSelection.TotalWeight(providers);

            var actual = Enumerable.Range(0, total)
                .Select(ticket => WeightedSelection.Pick(providers, ticket))
                .CountBy(p => p.Name)
                .ToDictionary();

            return providers.All(p => actual.GetValueOrDefault(p.Name) == (p.Enabled ? p.Weight : 0));
        });

    [Fact]
    public void Pick_ticket_at_or_beyond_total_weight_throws() =>
        RoutingGens.ActiveProviders.Sample(providers =>
        {
            var total = WeightedSelection.TotalWeight(providers);

            Assert.Throws<ArgumentOutOfRangeException>(() => WeightedSelection.Pick(providers, total));
            Assert.Throws<ArgumentOutOfRangeException>(() => WeightedSelection.Pick(providers, -1));
        });

    [Fact]
    public void TotalWeight_all_disabled_is_zero()
    {
        ImmutableArray<ProviderConfig> providers = [RoutingGens.Provider("a", 0), RoutingGens.Provider("b", 0)];

        var actual = WeightedSelection.TotalWeight(providers);

        Assert.Equal(0, actual);
    }
}
