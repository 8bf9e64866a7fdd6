using System.Text.RegularExpressions;
using CsCheck;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class ModelGlobTests
{
    private static readonly Gen<string> Text = Gen.String[Gen.Char["ab-."], 0, 7];
    private static readonly Gen<string> Glob = Gen.String[Gen.Char["ab-.*?"], 0, 7];

    // The reference: `*` is `.*`, `?` is `.`, everything else literal, anchored at both ends.
    private static bool Reference(string pattern, string model) =>
        Regex.IsMatch(model, "^" + string.Concat(pattern.Select(c => c switch
        {
            '*' => ".*",
            '?' => ".",
            _ => Regex.Escape(c.ToString()),
        })) + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant);

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
    public void Matches_examples(string pattern, string model, bool expected)
    {
        var actual = ModelGlob.Matches(pattern, model);

        Assert.Equal(expected, actual);
    }
}
