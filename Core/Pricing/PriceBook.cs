using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Pricing;

public static class PriceBook
{
    /// The price of `model`: an exact `[pricing."MODEL"]` entry first; else, for a dated snapshot
    /// such as `gpt-4o-2024-08-06` or `claude-3-5-sonnet-20241022`, the entry of its undated name.
    /// Null when the model is unknown, unpriced or not given.
    public static ModelPrice? Find(ImmutableDictionary<string, ModelPrice> prices, string? model)
    {
        ArgumentNullException.ThrowIfNull(prices);
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }
        if (prices.TryGetValue(model, out var exact))
        {
            return exact;
        }
        return ModelSnapshot.UndatedName(model) is { } undated
            && prices.TryGetValue(undated, out var family)
                ? family
                : null;
    }
}
