using Menshen.Core.Config.Document;
using Menshen.Shell.Config;

namespace Menshen.Shell.Tests.Config;

public class TomlDocumentTests
{
    [Fact]
    public void Parse_maps_every_toml_type_to_the_document_model()
    {
        const string toml = """
            listen = ":8080"
            verbose = true
            ratio = 1.5
            when = 1979-05-27T07:32:00Z
            on_status = [429, "5xx"]
            [[providers]]
            base_url = "https://a"
            headers = { api-key = "k" }
            [[providers]]
            weight = 2
            """;

        var actual = Parse(toml);

        var expected = ConfigTable.Of(
            ("listen", new ConfigString(":8080")),
            ("verbose", new ConfigBool(true)),
            ("ratio", new ConfigFloat(1.5)),
            ("when", new ConfigDateTime("1979-05-27T07:32:00Z")),
            ("on_status", ConfigArray.Of(new ConfigInteger(429), new ConfigString("5xx"))),
            ("providers", ConfigArray.Of(
                ConfigTable.Of(("base_url", new ConfigString("https://a")), ("headers", ConfigTable.Of(("api-key", new ConfigString("k"))))),
                ConfigTable.Of(("weight", new ConfigInteger(2))))));
        Assert.Equal(Show(expected), Show(actual));
    }

    [Fact]
    public void Parse_syntax_errors_carry_line_and_column()
    {
        var actual = Errors("listen = \":8080\"\n\n[cache]\nenable = \n");

        Assert.Equal(["config.toml:4:10: Unexpected token end-of-line found while expecting a value"], actual);
    }

    [Fact]
    public void Parse_syntax_errors_keep_the_kinds_of_tokens_found_and_expected()
    {
        var actual = Errors("x = 1\n[[providers]\nname = \"a\"\n");

        Assert.Equal(["config.toml:2:12: Unexpected token found `]` (token: `closebracket`) " +
            "while expecting `]]` (token: `closebracketdouble`)"], actual);
    }

    [Fact]
    public void Parse_duplicate_keys_are_errors_that_do_not_echo_the_value()
    {
        var actual = Errors("token = \"tok-SECRETVALUE-1\"\ntoken = \"tok-SECRETVALUE-2\"\n");

        Assert.Equal(["config.toml:2:1: The key `token` is already defined at (1,1) and cannot be redefined"], actual);
    }

    [Theory]
    [InlineData("api_key = \"sk-SECRETVALUE\" \"sk-SECRETVALUE-2\"")]
    [InlineData("api_key = sk-SECRETVALUE")]
    [InlineData("api_key = \"SECRETVALUE")]
    [InlineData("[auth]\ntoken = 'SECRETVALUE\n")]
    public void Parse_syntax_errors_never_quote_values(string toml)
    {
        var actual = Errors(toml);

        Assert.NotEmpty(actual);
        Assert.All(actual, m => Assert.DoesNotContain("SECRETVALUE", m, StringComparison.Ordinal));
    }

    private static ConfigTable Parse(string toml) =>
        TomlDocument.Parse(toml, "config.toml").Match(Succ: d => d, Fail: e => throw new InvalidOperationException(e.Head.Message));

    private static string[] Errors(string toml) =>
        TomlDocument.Parse(toml, "config.toml").Match(Succ: _ => [], Fail: e => e.Map(x => x.Message).ToArray());

    // Records holding ImmutableArray compare arrays by reference; compare their printed shape instead.
    private static string Show(ConfigNode node) => node switch
    {
        ConfigTable t => "{" + string.Join(", ", t.Entries.Select(e => $"{e.Key}: {Show(e.Value)}")) + "}",
        ConfigArray a => "[" + string.Join(", ", a.Items.Select(Show)) + "]",
        _ => node.ToString(),
    };
}
