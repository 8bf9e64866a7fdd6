using CsCheck;
using Menshen.Core.Config;

namespace Menshen.Core.Tests;

public class EnvExpansionTests
{
    private static readonly Dictionary<string, string> NoEnv = [];

    [Fact]
    public void Expand_text_without_dollar_is_unchanged() =>
        ConfigGens.TextWithoutDollar.Sample(text => Expanded(text, NoEnv) == text);

    [Fact]
    public void Expand_double_dollar_is_one_dollar() =>
        ConfigGens.TextWithoutDollar.Array[1, 4].Sample(parts =>
            Expanded(string.Join("$$", parts), NoEnv) == string.Join("$", parts));

    [Fact]
    public void Expand_default_is_used_only_when_the_variable_is_unset() =>
        Gen.Select(ConfigGens.VarName, ConfigGens.TextWithoutDollar.Where(d => !d.Contains('}', StringComparison.Ordinal)),
                   ConfigGens.TextWithoutDollar, Gen.Bool)
            .Sample((name, fallback, value, set) =>
            {
                var env = set ? new Dictionary<string, string> { [name] = value } : NoEnv;

                var actual = Expanded($"${{{name}:-{fallback}}}", env);

                return actual == (set ? value : fallback);
            });

    [Fact]
    public void Expand_bare_and_braced_references_agree() =>
        Gen.Select(ConfigGens.VarName, ConfigGens.TextWithoutDollar).Sample((name, value) =>
        {
            var env = new Dictionary<string, string> { [name] = value };
            return Expanded($"${name}", env) == value && Expanded($"${{{name}}}", env) == value;
        });

    [Fact]
    public void Expand_unset_variable_names_it()
    {
        var actual = EnvExpansion.Expand("Bearer ${OPENAI_API_KEY}", NoEnv);

        Assert.Equal("environment variable OPENAI_API_KEY is not set (set it, or write ${OPENAI_API_KEY:-default})",
            actual.Match(Succ: _ => "", Fail: e => e.Message));
    }

    [Fact]
    public void Expand_unclosed_brace_is_an_error_without_the_text()
    {
        var actual = EnvExpansion.Expand("sk-secret${KEY", NoEnv);

        var message = actual.Match(Succ: _ => "", Fail: e => e.Message);
        Assert.Contains("no closing", message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("price: 5$", "price: 5$")]
    [InlineData("$1 and $-", "$1 and $-")]
    [InlineData("${HOME}/data", "/home/me/data")]
    [InlineData("$HOME/data", "/home/me/data")]
    [InlineData("$HOMEX", "")]
    [InlineData("${MISSING:-./data}/x.db", "./data/x.db")]
    public void Expand_examples(string text, string expected)
    {
        var env = new Dictionary<string, string> { ["HOME"] = "/home/me", ["HOMEX"] = "" };

        var actual = Expanded(text, env);

        Assert.Equal(expected, actual);
    }

    private static string Expanded(string text, IReadOnlyDictionary<string, string> env) =>
        EnvExpansion.Expand(text, env).Match(Succ: s => s, Fail: e => "error: " + e.Message);
}
