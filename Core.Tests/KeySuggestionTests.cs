using CsCheck;
using Menshen.Core.Config.Reading;

namespace Menshen.Core.Tests;

public class KeySuggestionTests
{
    private static readonly string[] CacheKeys = ["enable", "max_body_bytes", "max_age", "model"];

    [Fact]
    public void Distance_to_itself_is_zero() =>
        Gen.String.Sample(s => KeySuggestion.Distance(s, s) == 0);

    [Fact]
    public void Distance_is_symmetric() =>
        Gen.Select(Gen.String[0, 12], Gen.String[0, 12]).Sample((a, b) => KeySuggestion.Distance(a, b) == KeySuggestion.Distance(b, a));

    [Fact]
    public void Distance_is_at_most_the_longer_length() =>
        Gen.Select(Gen.String[0, 12], Gen.String[0, 12]).Sample((a, b) => KeySuggestion.Distance(a, b) <= Math.Max(a.Length, b.Length));

    [Fact]
    public void A_swap_of_neighbours_is_one_edit() =>
        Gen.Select(Gen.String[2, 12], Gen.Int[0, 10]).Where((s, i) => i < s.Length - 1
            && s[i] != s[i + 1]).Sample((s, i) =>
            KeySuggestion.Distance(s, $"{s[..i]}{s[i + 1]}{s[i]}{s[(i + 2)..]}") == 1);

    [Theory]
    [InlineData("modle", "model")]
    [InlineData("max_body_byte", "max_body_bytes")]
    [InlineData("max-body-bytes", "max_body_bytes")]
    [InlineData("Enabled", "enable")]
    [InlineData("maxage", "max_age")]
    [InlineData("max_body", "max_body_bytes")]
    public void Nearest_typo_suggests_the_known_key(string typo, string expected)
    {
        var actual = KeySuggestion.Nearest(typo, CacheKeys);

        Assert.Equal(expected, actual.IfNone("(none)"));
    }

    [Fact]
    public void Nearest_unrelated_key_suggests_nothing()
    {
        var actual = KeySuggestion.Nearest("colour", CacheKeys);

        Assert.True(actual.IsNone);
    }
}
