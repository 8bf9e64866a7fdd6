using Menshen.Core.Config;
using Menshen.Core.Usage;

namespace Menshen.Core.Pricing;

public static class CostCalculator
{
    private const decimal TokensPerPriceUnit = 1_000_000m;

    /// USD for `usage` at `price` (per million tokens), or null when the model has no price:
    /// an unpriced request is "no price", never $0. Cached prompt tokens are billed at
    /// CachedInput (Input when unset), the other prompt tokens at Input, completion at Output.
    /// Reasoning tokens are part of the completion tokens and are not billed twice.
    public static decimal? Cost(TokenUsage usage, ModelPrice? price)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (price is null)
        {
            return null;
        }
        var prompt = Math.Max(usage.PromptTokens, 0);
        // An upstream claiming more cached than prompt tokens is clamped, not trusted.
        var cached = Math.Min(Math.Max(usage.CachedTokens ?? 0, 0), prompt);
        var completion = Math.Max(usage.CompletionTokens, 0);
        var micro = ((prompt - cached) * price.Input)
            + (cached * (price.CachedInput ?? price.Input))
            + (completion * price.Output);
        return micro / TokensPerPriceUnit;
    }
}
