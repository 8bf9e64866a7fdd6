using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

/// Generators for prices (USD per million tokens, up to four decimals) and snapshot dates.
public static class PricingGens
{
    public static readonly Gen<decimal> Dollars = Gen.Int[0, 2_000_000].Select(n => n / 10_000m);

    public static readonly Gen<ModelPrice> Price = Gen.Select(Dollars, Dollars, Gen.Bool, Dollars,
        (input, output, hasCached, cached) => new ModelPrice(input, output, hasCached ? cached : null));

    public static readonly Gen<TokenUsage> Usage = UsageGens.Tokens;

    /// A calendar date written as providers write snapshot suffixes.
    public static readonly Gen<string> DateSuffix = Gen.Select(Gen.Int[2020, 2030], Gen.Int[1, 12], Gen.Int[1, 28],
        Gen.Bool, (y, m, d, dashed) => dashed ? $"-{y:D4}-{m:D2}-{d:D2}" : $"-{y:D4}{m:D2}{d:D2}");

    public static readonly Gen<string> ModelName =
        Gen.OneOf("gpt-4o", "gpt-4o-mini", "o3", "claude-3-5-sonnet", "gpt-4.1");
}
