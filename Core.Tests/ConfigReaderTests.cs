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

    [Fact]
    public void Read_http_client_points_to_upstream()
    {
        var document = ConfigTable.Of(("http_client", ConfigTable.Of(("timeout", new ConfigInteger(300)))));

        var actual = Messages(document);

        Assert.Equal(
            ["http_client: the [http_client] section is now [upstream]; move `timeout` there (it also takes `max_idle_conns_per_host`)"],
            actual);
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
             + "`failover`, `storage`, `cache`, `logging`, `server`, `pricing`, `aliases`, `routing`"],
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

    private static string[] Messages(ConfigTable document) =>
        [.. ConfigReader.Read(document).Errors.Select(e => e.Message)];
}
