using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Pricing;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

public class CostCalculatorTests
{
    private static TokenUsage Sum(TokenUsage a, TokenUsage b) => new(
        a.PromptTokens + b.PromptTokens,
        a.CompletionTokens + b.CompletionTokens,
        a.TotalTokens + b.TotalTokens,
        (a.CachedTokens ?? 0) + (b.CachedTokens ?? 0),
        null,
        (a.CacheWrite5mTokens ?? 0) + (b.CacheWrite5mTokens ?? 0),
        (a.CacheWrite1hTokens ?? 0) + (b.CacheWrite1hTokens ?? 0));

    [Fact]
    public void Cost_is_null_without_a_price() =>
        PricingGens.Usage.Sample(usage => CostCalculator.Cost(usage, null) is null);

    [Fact]
    public void Cost_of_zero_tokens_is_zero_when_priced() =>
        PricingGens.Price.Sample(price => CostCalculator.Cost(new TokenUsage(0, 0, 0, null, null), price) == 0m);

    [Fact]
    public void Cost_is_additive_over_requests() =>
        Gen.Select(PricingGens.Usage, PricingGens.Usage, PricingGens.Price).Sample((a, b, price) =>
            CostCalculator.Cost(Sum(a, b), price) == CostCalculator.Cost(a, price) + CostCalculator.Cost(b, price));

    [Fact]
    public void Cost_is_monotone_in_every_token_count() =>
        Gen.Select(PricingGens.Usage, PricingGens.Price, Gen.Long[1, 10_000], Gen.Int[0, 2])
            .Sample((usage, price, more, which) =>
            {
                var bigger = which switch
                {
                    0 => usage with { PromptTokens = usage.PromptTokens + more },
                    1 => usage with { CompletionTokens = usage.CompletionTokens + more },
                    _ => usage with
                    {
                        PromptTokens = usage.PromptTokens + more,
                        CachedTokens = (usage.CachedTokens ?? 0) + more,
                    },
                };
                return CostCalculator.Cost(bigger, price) >= CostCalculator.Cost(usage, price);
            });

    [Fact]
    public void Cost_without_cached_price_bills_cached_tokens_as_input() =>
        Gen.Select(PricingGens.Usage, PricingGens.Price).Sample((usage, price) =>
            CostCalculator.Cost(usage, price with { CachedInput = null })
                == CostCalculator.Cost(usage with { CachedTokens = null }, price with { CachedInput = null }));

    [Fact]
    public void Cost_bills_cached_uncached_and_completion_tokens_at_their_prices()
    {
        var usage = new TokenUsage(1_000_000, 500_000, 1_500_000, 200_000, 100_000);
        var price = new ModelPrice(Input: 2.5m, Output: 10m, CachedInput: 1.25m);

        var actual = CostCalculator.Cost(usage, price);

        // 800k uncached at 2.5, 200k cached at 1.25, 500k completion (reasoning included) at 10.
        Assert.Equal(2m + 0.25m + 5m, actual);
    }

    [Fact]
    public void Cost_more_cached_than_prompt_tokens_is_clamped()
    {
        var usage = new TokenUsage(100, 0, 100, 500, null);
        var price = new ModelPrice(Input: 10m, Output: 0m, CachedInput: 1m);

        var actual = CostCalculator.Cost(usage, price);

        Assert.Equal(100 * 1m / 1_000_000m, actual);
    }

    [Fact]
    public void Cost_without_cache_write_prices_uses_the_published_multipliers() =>
        Gen.Select(PricingGens.Usage, PricingGens.Price).Sample((usage, price) =>
            CostCalculator.Cost(usage, price with { CacheWrite = null, CacheWrite1h = null })
                == CostCalculator.Cost(usage, price with
                {
                    CacheWrite = price.Input * 1.25m,
                    CacheWrite1h = price.Input * 2m,
                }));

    [Fact]
    public void Cost_without_cache_writes_ignores_cache_write_prices() =>
        Gen.Select(PricingGens.Usage, PricingGens.Price).Sample((usage, price) =>
        {
            var plain = usage with { CacheWrite5mTokens = null, CacheWrite1hTokens = null };
            return CostCalculator.Cost(plain, price)
                == CostCalculator.Cost(plain, price with { CacheWrite = null, CacheWrite1h = null });
        });

    [Fact]
    public void Cost_bills_cache_reads_and_5m_and_1h_writes_at_their_prices()
    {
        // Anthropic shape: 100k uncached input, 300k read, 400k 5 m writes, 200k 1 h writes.
        var usage = new TokenUsage(1_000_000, 100_000, 1_100_000, 300_000, null, 400_000, 200_000);
        var price = new ModelPrice(Input: 3m, Output: 15m, CachedInput: 0.3m, CacheWrite: 3.75m);

        var actual = CostCalculator.Cost(usage, price);

        // 0.3 + 0.09 + 1.5 + 200k at the default 2 x input (1.2) + 1.5 output.
        Assert.Equal(0.3m + 0.09m + 1.5m + 1.2m + 1.5m, actual);
    }
}
