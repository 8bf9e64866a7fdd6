using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

/// Generators for prices (USD per million tokens, up to four decimals) and snapshot dates.
public static class PricingGens
{
    public static readonly Gen<decimal> Dollars = Gen.Int[0, 2_000_000].Select(n => n / 10_000m);

    private static readonly Gen<decimal?> MaybeDollars =
        Gen.Select(Gen.Bool, Dollars, (has, d) => has ? d : (decimal?)null);

    public static readonly Gen<ModelPrice> Price = Gen.Select(Dollars, Dollars, MaybeDollars, MaybeDollars,
        MaybeDollars, (input, output, cached, write, write1h) => new ModelPrice(input, output, cached, write, write1h));

    /// Usage with or without cache reads and 5 m / 1 h cache writes, all within the prompt.
    private static readonly Gen<long?> MaybeWrite =
        Gen.Select(Gen.Bool, Gen.Long[0, 50_000], (has, n) => has ? n : (long?)null);

    public static readonly Gen<TokenUsage> Usage = Gen.Select(UsageGens.Tokens, MaybeWrite, MaybeWrite,
        (u, w5, w1) =>
        {
            var room = u.PromptTokens - (u.CachedTokens ?? 0);
            var write5m = w5 is { } a ? Math.Min(a, room) : (long?)null;
            var write1h = w1 is { } b ? Math.Min(b, room - (write5m ?? 0)) : (long?)null;
            return u with { CacheWrite5mTokens = write5m, CacheWrite1hTokens = write1h };
        });

    /// A calendar date written as providers write snapshot suffixes.
    public static readonly Gen<string> DateSuffix = Gen.Select(Gen.Int[2020, 2030], Gen.Int[1, 12], Gen.Int[1, 28],
        Gen.Bool, (y, m, d, dashed) => dashed ? $"-{y:D4}-{m:D2}-{d:D2}" : $"-{y:D4}{m:D2}{d:D2}");

    public static readonly Gen<string> ModelName =
        Gen.OneOf("gpt-4o", "gpt-4o-mini", "o3", "claude-3-5-sonnet", "gpt-4.1");
}
