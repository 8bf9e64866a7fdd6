using Menshen.Core.Config;
using Menshen.Core.Usage;

namespace Menshen.Core.Pricing;

public static class CostCalculator
{
    private const decimal TokensPerPriceUnit = 1_000_000m;

    // Anthropic's published prompt-cache write multipliers of the input price.
    private const decimal CacheWrite5mMultiplier = 1.25m;
    private const decimal CacheWrite1hMultiplier = 2m;

    /// USD for `usage` at `price` (per million tokens), or null when the model has no price:
    /// an unpriced request is "no price", never $0. Cached prompt tokens are billed at
    /// CachedInput (Input when unset), cache-write tokens at CacheWrite / CacheWrite1h (1.25 × and
    /// 2 × Input when unset), the other prompt tokens at Input, completion at Output.
    /// Reasoning tokens are part of the completion tokens and are not billed twice.
    public static decimal? Cost(TokenUsage usage, ModelPrice? price)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (price is null)
        {
            return null;
        }
        var prompt = Math.Max(usage.PromptTokens, 0);
        // An upstream claiming more cached (or written) than prompt tokens is clamped, not trusted.
        var cached = Math.Min(Math.Max(usage.CachedTokens ?? 0, 0), prompt);
        var write5m = Math.Min(Math.Max(usage.CacheWrite5mTokens ?? 0, 0), prompt - cached);
        var write1h = Math.Min(
            Math.Max(usage.CacheWrite1hTokens ?? 0, 0), prompt - cached - write5m);
        var completion = Math.Max(usage.CompletionTokens, 0);
        var micro = ((prompt - cached - write5m - write1h) * price.Input)
            + (cached * (price.CachedInput ?? price.Input))
            + (write5m * (price.CacheWrite ?? price.Input * CacheWrite5mMultiplier))
            + (write1h * (price.CacheWrite1h ?? price.Input * CacheWrite1hMultiplier))
            + (completion * price.Output);
        return micro / TokensPerPriceUnit;
    }
}
