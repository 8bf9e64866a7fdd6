using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Pricing;

namespace Menshen.Core.Tests;

public class PriceBookTests
{
    private static readonly ModelPrice Base = new(2.5m, 10m, null);
    private static readonly ModelPrice Snapshot = new(5m, 15m, null);

    private static ImmutableDictionary<string, ModelPrice> Book(params (string Model, ModelPrice Price)[] entries) =>
        entries.ToImmutableDictionary(e => e.Model, e => e.Price);

    [Fact]
    public void Find_dated_model_falls_back_to_its_undated_price() =>
        Gen.Select(PricingGens.ModelName, PricingGens.DateSuffix, PricingGens.Price).Sample((model, date, price) =>
            PriceBook.Find(Book((model, price)), model + date) == price);

    [Fact]
    public void Find_exact_entry_wins_over_the_fallback() =>
        Gen.Select(PricingGens.ModelName, PricingGens.DateSuffix).Sample((model, date) =>
            PriceBook.Find(Book((model, Base), (model + date, Snapshot)), model + date) == Snapshot);

    [Fact]
    public void Find_unknown_model_is_null() =>
        Gen.Select(PricingGens.ModelName, PricingGens.DateSuffix).Sample((model, date) =>
            PriceBook.Find(Book(("other-model", Base)), model + date) is null);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gpt-4o-0613")]
    [InlineData("gpt-4o-20241399")]
    [InlineData("gpt-4o-2024-13-01")]
    [InlineData("gpt-4o-2024-08-06-preview")]
    [InlineData("-2024-08-06")]
    [InlineData("GPT-4O")]
    public void Find_model_that_is_not_a_dated_gpt_4o_is_unpriced(string? model)
    {
        var actual = PriceBook.Find(Book(("gpt-4o", Base)), model);

        Assert.Null(actual);
    }

    [Theory]
    [InlineData("gpt-4o-2024-08-06")]
    [InlineData("gpt-4o-20240806")]
    [InlineData("gpt-4o")]
    public void Find_gpt_4o_spellings_are_priced(string model)
    {
        var actual = PriceBook.Find(Book(("gpt-4o", Base)), model);

        Assert.Equal(Base, actual);
    }
}
