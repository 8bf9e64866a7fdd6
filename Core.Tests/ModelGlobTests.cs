using System.Text.RegularExpressions;
using CsCheck;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class ModelGlobTests
{
    // Characters of one and of two UTF-16 units (an emoji, a rare kanji): `?` is one of either.
    private static readonly string[] Letters = ["a", "b", "-", ".", "名", "😀", "𠮷"];
    private static readonly Gen<string> Text =
        Gen.OneOf(Letters).Array[0, 7].Select(string.Concat);
    private static readonly Gen<string> Glob =
        Gen.OneOf([.. Letters, "*", "?"]).Array[0, 7].Select(string.Concat);

    // The reference: `*` is `.*`, `?` is `.`, everything else literal, anchored at both ends,
    // over code points (Go's path.Match, which ai-menshen uses, matches runes): each one is
    // first mapped to a private-use character of one unit, which .NET's `.` matches whole.
    private static bool Reference(string pattern, string model)
    {
        var units = new Dictionary<int, char>();
        string OneUnitEach(string text) => string.Concat(text.EnumerateRunes().Select(r =>
            r.Value is '*' or '?' ? (char)r.Value
            : units.TryGetValue(r.Value, out var u) ? u
            : units[r.Value] = (char)(0xE000 + units.Count)));
        return Regex.IsMatch(OneUnitEach(model), "^" + string.Concat(
            OneUnitEach(pattern).Select(c => c switch
            {
                '*' => ".*",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            })) + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    [Fact]
    public void Matches_agrees_with_the_regex_reference() =>
        Gen.Select(Glob, Text).Sample((pattern, model) =>
            ModelGlob.Matches(pattern, model) == Reference(pattern, model));

    [Fact]
    public void Matches_a_name_without_wildcards_only_itself() =>
        Gen.Select(Text, Text).Sample((name, model) => ModelGlob.Matches(name, model) == (name == model));

    [Fact]
    public void IsPattern_is_true_exactly_for_star_or_question_mark() =>
        Glob.Sample(text => ModelGlob.IsPattern(text) == (text.Contains('*') || text.Contains('?')));

    [Fact]
    public void Serves_empty_models_serves_every_model() =>
        Text.Sample(model => ModelGlob.Serves([], model));

    [Theory]
    [InlineData("gpt-4o*", "gpt-4o-mini", true)]
    [InlineData("gpt-4o*", "gpt-4", false)]
    [InlineData("o?", "o3", true)]
    [InlineData("o?", "o3-mini", false)]
    [InlineData("claude-3-5-haiku-*", "claude-3-5-haiku-20241022", true)]
    [InlineData("GPT-4o", "gpt-4o", false)]
    [InlineData("gpt-4o*", "gpt-4o", true)]
    [InlineData("gpt-4o**", "gpt-4o", true)]
    [InlineData("*", "", true)]
    // helper-92: `?` matched one UTF-16 unit, so an emoji or a rare kanji needed two.
    [InlineData("gpt-?", "gpt-😀", true)]
    [InlineData("gpt-??", "gpt-😀", false)]
    [InlineData("名-?", "名-𠮷", true)]
    [InlineData("*?x", "😀x", true)]
    [InlineData("gpt-??", "gpt-🇨🇳", true)] // a flag is two code points, as Go counts it
    [InlineData("gpt-?", "gpt-🇨🇳", false)]
    public void Matches_examples(string pattern, string model, bool expected)
    {
        var actual = ModelGlob.Matches(pattern, model);

        Assert.Equal(expected, actual);
    }
}
