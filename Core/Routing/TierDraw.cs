using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Routing;

public static class TierDraw
{
    /// The weight of the lowest tier: the candidates sharing the first candidate's priority.
    /// `candidates` come from RouteCandidates (enabled, lowest priority number first).
    public static int Weight(ImmutableArray<ProviderConfig> candidates)
    {
        var total = 0;
        foreach (var candidate in candidates)
        {
            if (candidate.Priority != candidates[0].Priority)
            {
                break;
            }

            total += candidate.Weight;
        }

        return total;
    }

    /// The weighted pick in the lowest tier by `ticket % Weight`: every ticket in [0, Weight)
    /// picks each provider as often as its weight, and so does every whole multiple of that range.
    public static ProviderConfig Pick(ImmutableArray<ProviderConfig> candidates, int ticket)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ticket);
        var remaining = ticket % Weight(candidates);
        foreach (var candidate in candidates)
        {
            if (remaining < candidate.Weight)
            {
                return candidate;
            }

            remaining -= candidate.Weight;
        }

        throw new InvalidOperationException("unreachable: the remainder is below the tier weight");
    }
}
