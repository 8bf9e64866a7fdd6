using System.Collections.Immutable;
using System.Globalization;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config.Document;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Config.Validation;

/// `[pricing."MODEL"]`: USD per million tokens; `input` and `output` required, all ≥ 0
/// (`cached_input`, `cache_write` and `cache_write_1h` optional).
internal static class PricingValidation
{
    public static Validation<Error, ImmutableDictionary<string,
        ModelPrice>> Validate(ImmutableArray<RawPrice> raw) =>
        raw.Select(One)
            .ToSeq()
            .Sequence()
            .Map(prices => prices.ToImmutableDictionary(p => p.Model, p => p.Price,
                StringComparer.Ordinal));

    private static Validation<Error, (string Model, ModelPrice Price)> One(RawPrice raw)
    {
        var path = KeyPath.Child("pricing", raw.Model);
        if (raw.Model.Trim().Length == 0)
        {
            return ConfigError.At(path, "the model name must not be empty");
        }

        return (Required($"{path}.input", raw.Input),
                Required($"{path}.output", raw.Output),
                Optional($"{path}.cached_input", raw.CachedInput),
                Optional($"{path}.cache_write", raw.CacheWrite),
                Optional($"{path}.cache_write_1h", raw.CacheWrite1h))
            .Apply((input, output, cached, write, write1h) => (raw.Model, new ModelPrice(
                input, output, cached.ToNullable(), write.ToNullable(), write1h.ToNullable())));
    }

    private static Validation<Error, decimal> Required(string key, decimal? price) =>
        price is { } p ? NonNegative(key, p)
        : ConfigError.At(key, "required; expected USD per million tokens, such as 2.5");

    // Validation holds no null, so an absent price is None.
    private static Validation<Error, Option<decimal>> Optional(string key, decimal? price) =>
        price is { } p ? NonNegative(key, p).Map(Prelude.Some) : Prelude.Success<Error,
        Option<decimal>>(Option<decimal>.None);

    private static Validation<Error, decimal> NonNegative(string key, decimal price) =>
        price >= 0
            ? price
            : ConfigError.At(key,
                $"must not be negative, got {price.ToString(CultureInfo.InvariantCulture)}");
}
