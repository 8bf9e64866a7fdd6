using Menshen.Core.Config;
using Menshen.Core.Config.Document;
using Menshen.Core.Config.Reading;

namespace Menshen.Core.Tests;

public class ConfigReaderTests
{
    [Fact]
    public void Read_typo_in_section_suggests_the_nearest_key()
    {
        var document = ConfigTable.Of(("cache", ConfigTable.Of(("max_body_byte", new ConfigInteger(10)))));

        var actual = Messages(document);

        Assert.Equal(["cache.max_body_byte: unknown key; did you mean `max_body_bytes`?"], actual);
    }

    // helper-65: `listen = 8080` said only "expected a string".
    [Fact]
    public void Read_an_integer_listen_names_the_strings_it_could_mean()
    {
        var document = ConfigTable.Of(("listen", new ConfigInteger(8080)));

        var actual = Messages(document);

        Assert.Equal(["listen: expected a string, such as \"127.0.0.1:8080\" (this machine) or "
            + "\":8080\" (every interface); got the integer 8080"], actual);
    }

    // helper-45: ai-menshen 1.0's `[storage] sqlite_path` got "did you mean `sqlite`?", which
    // does not say where the path goes now.
    [Fact]
    public void Read_an_old_storage_path_key_says_where_it_moved()
    {
        var document = ConfigTable.Of(("storage",
            ConfigTable.Of(("sqlite_path", new ConfigString("./data/a.db")))));

        var actual = Messages(document);

        Assert.Equal(["storage.sqlite_path: moved: write it as `[storage.sqlite]` with "
            + "`path = \"…\"`"], actual);
    }

    // ai-menshen's own example config has an empty [http_client] table: refusing it broke the
    // drop-in promise for every Go user. Its `timeout` is read, with a warning to move it.
    [Theory]
    [InlineData(null, null, 300, false)]
    [InlineData(60L, null, 60, true)]
    [InlineData(60L, 90L, 90, true)]
    public void Read_http_client_is_read_as_upstream_with_a_warning(
        long? httpClient, long? upstream, int expected, bool warned)
    {
        var document = ConfigDocuments.Set(ConfigDocuments.FromRaw(TestConfigs.Minimal), "",
            "http_client", ConfigTable.Empty);
        if (httpClient is { } h) document = ConfigDocuments.Set(document, "http_client", "timeout", new ConfigInteger(h));
        if (upstream is { } u) document = ConfigDocuments.Set(document, "upstream", "timeout", new ConfigInteger(u));

        var actual = ValidationResults.Value(ConfigPipeline.FromDocument(document, ConfigGens.Env));

        Assert.Equal(TimeSpan.FromSeconds(expected), actual.Upstream.Timeout);
        Assert.Equal(warned, ConfigWarnings.Of(actual).Any(w => w.StartsWith("http_client.timeout: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Read_key_of_another_section_says_where_it_belongs()
    {
        var document = ConfigTable.Of(("cache", ConfigTable.Of(("retention_days", new ConfigInteger(7)))));

        var actual = Messages(document);

        Assert.Equal(["cache.retention_days: unknown key in [cache]; `retention_days` belongs in [storage]"], actual);
    }

    [Fact]
    public void Read_unrelated_top_level_key_lists_the_known_keys()
    {
        var document = ConfigTable.Of(("colour", new ConfigString("blue")));

        var actual = Messages(document);

        Assert.Equal(
            ["colour: unknown key; known keys at the top level: `listen`, `verbose`, `auth`, `providers`, `upstream`, "
             + "`failover`, `storage`, `cache`, `logging`, `server`, `pricing`, `aliases`, `routing`, `http_client`"],
            actual);
    }

    [Fact]
    public void Read_wrong_type_says_expected_and_found()
    {
        var document = ConfigTable.Of(("upstream", ConfigTable.Of(("timeout", new ConfigString("abc")))));

        var actual = Messages(document);

        Assert.Equal(["upstream.timeout: expected an integer, got string 'abc'"], actual);
    }

    [Fact]
    public void Read_wrong_type_of_a_secret_does_not_quote_it()
    {
        var provider = ConfigTable.Of(("base_url", new ConfigString("https://x")), ("api_key", new ConfigInteger(123456789)));
        var document = ConfigTable.Of(("providers", ConfigArray.Of(provider)));

        var actual = Messages(document);

        Assert.Equal(["providers[0].api_key: expected a string, got an integer"], actual);
    }

    [Fact]
    public void Read_unknown_provider_key_is_reported_at_its_index()
    {
        var first = ConfigTable.Of(("base_url", new ConfigString("https://a")));
        var second = ConfigTable.Of(("base_url", new ConfigString("https://b")), ("wieght", new ConfigInteger(2)));
        var document = ConfigTable.Of(("providers", ConfigArray.Of(first, second)));

        var actual = Messages(document);

        Assert.Equal(["providers[1].wieght: unknown key; did you mean `weight`?"], actual);
    }

    [Fact]
    public void Read_mistyped_status_keeps_the_index_of_the_rest()
    {
        var statuses = ConfigArray.Of(new ConfigInteger(429), new ConfigFloat(1.5), new ConfigString("5xx"));
        var document = ConfigTable.Of(("failover", ConfigTable.Of(("on_status", statuses))));

        var actual = ConfigReader.Read(document);

        Assert.Equal<string?>(["429", null, "5xx"], actual.Raw.Failover.OnStatus!.Value.ToList());
        Assert.Equal("failover.on_status[1]", Assert.Single(actual.Errors).Key);
    }

    [Fact]
    public void Read_quotes_model_names_that_are_not_bare_keys()
    {
        var price = ConfigTable.Of(("input", new ConfigInteger(1)), ("output", new ConfigInteger(2)), ("cachedinput", new ConfigInteger(1)));
        var document = ConfigTable.Of(("pricing", ConfigTable.Of(("gpt-4.1", price))));

        var actual = Messages(document);

        Assert.Equal(["pricing.\"gpt-4.1\".cachedinput: unknown key; did you mean `cached_input`?"], actual);
    }

    // `[pricing.gpt-4.1]` is TOML for pricing → gpt-4 → 1: it gave "unknown key" and "input:
    // required" with no word about the dot. One error now says to quote the name.
    [Fact]
    public void Read_names_an_unquoted_dotted_model_once_with_the_quoting_that_fixes_it()
    {
        var price = ConfigTable.Of(("input", new ConfigInteger(1)), ("output", new ConfigInteger(2)));
        var document = ConfigTable.Of(("pricing", ConfigTable.Of(
            ("gpt-4", ConfigTable.Of(("1", price))),
            ("claude-3", ConfigTable.Of(("5-sonnet", price))))));

        var actual = Messages(document);

        Assert.Equal(
            [
                "pricing.\"gpt-4.1\": a model name with a dot must be quoted: [pricing.\"gpt-4.1\"]",
                "pricing.\"claude-3.5-sonnet\": a model name with a dot must be quoted: "
                    + "[pricing.\"claude-3.5-sonnet\"]",
            ],
            actual);
    }

    // helper-65: the same slip in [aliases] said "aliases.gpt-4: … got a table".
    [Fact]
    public void Read_names_an_unquoted_dotted_alias_with_the_quoting_that_fixes_it()
    {
        var document = ConfigTable.Of(("aliases", ConfigTable.Of(
            ("gpt-4", ConfigTable.Of(("1", new ConfigString("gpt-4o")))),
            ("fast", new ConfigString("gpt-4o-mini")))));

        var actual = Messages(document);

        Assert.Equal(["aliases.\"gpt-4.1\": a model name with a dot must be quoted: "
            + "\"gpt-4.1\" = \"gpt-4o\""], actual);
    }

    private static string[] Messages(ConfigTable document) =>
        [.. ConfigReader.Read(document).Errors.Select(e => e.Message)];
}
