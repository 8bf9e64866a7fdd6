using Menshen.Core.Network;

namespace Menshen.Core.Tests;

public class ProviderValidationTests
{
    [Theory]
    [InlineData("https://api.openai.com/v1/", "https://api.openai.com/v1")]
    [InlineData("https://x.openai.azure.com/openai/deployments/gpt/?api-version=2024-02-01", "https://x.openai.azure.com/openai/deployments/gpt?api-version=2024-02-01")]
    [InlineData("http://localhost:11434", "http://localhost:11434/")]
    public void Validate_base_url_drops_trailing_slash_and_keeps_query(string url, string expected)
    {
        var actual = TestConfigs.Valid(TestConfigs.With(TestConfigs.Provider(url)));

        Assert.Equal(expected, actual.Providers[0].BaseUrl.AbsoluteUri);
    }

    [Theory]
    [InlineData("ftp://files.example/v1", "providers[0].base_url: expected an absolute http(s) URL such as https://api.openai.com/v1, got 'ftp://files.example/v1'")]
    [InlineData("api.openai.com/v1", "providers[0].base_url: expected an absolute http(s) URL such as https://api.openai.com/v1, got 'api.openai.com/v1'")]
    [InlineData("https://user:pw@host/v1?key=secret#top", "providers[0].base_url: expected a URL without a #fragment, got 'https://host/v1#…'")]
    [InlineData("", "providers[0].base_url: required; expected an absolute http(s) URL such as https://api.openai.com/v1")]
    // Only echoed before, which left the reader to guess why the variable was not used.
    [InlineData("${OPENAI_BASE_URL}", "providers[0].base_url: is taken as written: ${VAR} is not expanded in base_url (it is in api_key, headers and proxy); write the URL itself")]
    public void Validate_bad_base_url_is_named(string url, string expected)
    {
        var actual = TestConfigs.Errors(TestConfigs.With(TestConfigs.Provider(url)));

        Assert.Equal([expected], actual);
    }

    [Fact]
    public void Validate_default_names_come_from_the_host_and_stay_unique()
    {
        var raw = TestConfigs.With(
            TestConfigs.Provider("https://api.openai.com/v1"),
            TestConfigs.Provider("https://api.openai.com/v1") with { ApiKey = "second" },
            TestConfigs.Provider("https://api.deepseek.com") with { Name = "api.openai.com#2" });

        var actual = TestConfigs.Valid(raw).Providers.Select(p => p.Name);

        Assert.Equal(["api.openai.com", "api.openai.com#3", "api.openai.com#2"], actual);
    }

    [Fact]
    public void Validate_duplicate_names_name_both_indexes()
    {
        var raw = TestConfigs.With(
            TestConfigs.Provider("https://a.example") with { Name = "main" },
            TestConfigs.Provider("https://b.example"),
            TestConfigs.Provider("https://c.example") with { Name = "Main" });

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(["providers[2].name: duplicate name 'Main', already used by providers[0].name; names must be unique"], actual);
    }

    [Fact]
    public void Validate_all_weights_zero_is_an_error()
    {
        var raw = TestConfigs.With(TestConfigs.Provider("https://a.example") with { Weight = 0 });

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(["providers: every provider has weight 0; at least one needs a weight above 0"], actual);
    }

    [Fact]
    public void Validate_no_provider_is_an_error()
    {
        var actual = TestConfigs.Errors(TestConfigs.With());

        Assert.Equal(["providers: at least one [[providers]] entry with a base_url is required"], actual);
    }

    [Fact]
    public void Validate_omitted_weight_is_one_and_zero_disables()
    {
        var raw = TestConfigs.With(TestConfigs.Provider("https://a.example"), TestConfigs.Provider("https://b.example") with { Weight = 0 });

        var actual = TestConfigs.Valid(raw).Providers;

        Assert.Equal([(1, true), (0, false)], actual.Select(p => (p.Weight, p.Enabled)));
    }

    // A key read from a CRLF-edited EnvironmentFile ended the header early upstream, or added
    // one of its own (header injection): refused at start, naming the key, never quoting it.
    [Theory]
    [InlineData("sk-abcdefghijklmnop1234\r\nX-Injected: yes")]
    [InlineData("sk-abcdefghijklmnop1234\r")]
    [InlineData("sk-abcdefghijklmnop1234\n")]
    [InlineData("sk-abcdefghijklmnop1234\u00e9")]
    public void Validate_a_key_that_cannot_be_a_header_value_is_an_error(string key)
    {
        var raw = TestConfigs.With(TestConfigs.Provider("https://a.example") with { ApiKey = "${K}" });

        var actual = Assert.Single(TestConfigs.Errors(raw, new Dictionary<string, string> { ["K"] = key }));

        Assert.StartsWith("providers[0].api_key: ", actual, StringComparison.Ordinal);
        Assert.Contains("line break", actual, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdefghijklmnop", actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_proxy_error_does_not_quote_the_value()
    {
        var raw = TestConfigs.With(TestConfigs.Provider("https://a.example") with { Proxy = "user:hunter2@proxy:3128" });

        var actual = Assert.Single(TestConfigs.Errors(raw));

        Assert.StartsWith("providers[0].proxy: expected an absolute http(s) or socks URL such as http://127.0.0.1:3128", actual, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", actual, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("socks5://127.0.0.1:1080", true)]
    [InlineData("socks5h://proxy.internal:1080", true)]
    [InlineData("socks4a://127.0.0.1:1080", true)]
    [InlineData("https://proxy.internal:3128", true)]
    [InlineData("ftp://127.0.0.1:21", false)]
    [InlineData("socks6://127.0.0.1:1080", false)]
    public void Validate_proxy_takes_http_and_socks_urls(string proxy, bool valid)
    {
        var raw = TestConfigs.With(TestConfigs.Provider("https://a.example") with { Proxy = proxy });

        Assert.Equal(valid, TestConfigs.Errors(raw).Length == 0);
    }

    // .NET's SOCKS4 client sends the user id and drops the password; its SOCKS5 client refuses
    // fields over 255 bytes on the first request. Both are config errors, never quoting them.
    [Theory]
    [InlineData("socks4://me:hunter2@127.0.0.1:1080", "SOCKS4 sends a user id but no password")]
    [InlineData("socks4a://me:hunter2@127.0.0.1:1080", "SOCKS4 sends a user id but no password")]
    [InlineData("socks5://me:{long}@127.0.0.1:1080", "at most 255 bytes each")]
    [InlineData("socks5h://{long}:hunter2@127.0.0.1:1080", "at most 255 bytes each")]
    public void Validate_proxy_refuses_a_login_its_protocol_cannot_send(string proxy, string why)
    {
        var url = proxy.Replace("{long}", new string('x', 200) + "%C3%A9" + new string('y', 60),
            StringComparison.Ordinal);
        var raw = TestConfigs.With(TestConfigs.Provider("https://a.example") with { Proxy = url });

        var actual = Assert.Single(TestConfigs.Errors(raw));

        Assert.StartsWith("providers[0].proxy: ", actual, StringComparison.Ordinal);
        Assert.Contains(why, actual, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", actual, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxx", actual, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("socks4://me@127.0.0.1:1080")]
    [InlineData("socks5://me:hunter2@127.0.0.1:1080")]
    [InlineData("http://me:hunter2@127.0.0.1:3128")]
    public void Validate_proxy_takes_a_login_its_protocol_can_send(string proxy)
    {
        var raw = TestConfigs.With(TestConfigs.Provider("https://a.example") with { Proxy = proxy });

        Assert.Empty(TestConfigs.Errors(raw));
    }

    [Fact]
    public void ProxyLogin_counts_bytes_not_characters_and_decodes_escapes()
    {
        // 128 two-byte characters are 256 bytes: one over RFC 1929's limit.
        var twoByte = string.Concat(Enumerable.Repeat("%C3%A9", 128));
        var over = new Uri($"socks5://me:{twoByte}@127.0.0.1:1080");
        var at = new Uri($"socks5://me:{twoByte[6..]}@127.0.0.1:1080");

        Assert.NotNull(ProxyLogin.Unsendable(over));
        Assert.Null(ProxyLogin.Unsendable(at));
        Assert.Equal(new ProxyLogin("a b", "p:q"),
            ProxyLogin.Of(new Uri("socks5://a%20b:p%3Aq@127.0.0.1:1080")));
        Assert.Equal(new ProxyLogin("only", ""),
            ProxyLogin.Of(new Uri("http://only@127.0.0.1:3128")));
        Assert.Null(ProxyLogin.Of(new Uri("http://127.0.0.1:3128")));
    }

    [Theory]
    [InlineData("上海团队")]
    [InlineData("café")]
    [InlineData("a\u0001b")]
    public void Validate_a_header_value_http_cannot_send_is_an_error(string value)
    {
        var raw = TestConfigs.With(TestConfigs.Provider("https://a.example") with
        {
            Headers = [new("X-Team", value)],
        });

        var actual = Assert.Single(TestConfigs.Errors(raw));

        Assert.StartsWith("providers[0].headers.X-Team: the value must be visible ASCII",
            actual, StringComparison.Ordinal);
        Assert.DoesNotContain(value, actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_headers_are_expanded_and_checked()
    {
        var raw = TestConfigs.With(TestConfigs.Provider("https://a.example") with
        {
            Headers = [new("api-key", "${AZURE_KEY}"), new("bad name", "x"), new("API-KEY", "again")],
        });

        var actual = TestConfigs.Errors(raw, new Dictionary<string, string> { ["AZURE_KEY"] = "k" });

        Assert.Equal(
            [
                "providers[0].headers.\"bad name\": not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)",
                "providers[0].headers.API-KEY: the same header is given twice (header names ignore case)",
            ],
            actual);
    }

    // helper-59: `"Content-Length" = "3"` passed -check-config, then every request through the
    // provider was a 500 (.NET's "Misused header name"), with no failover. The body's framing
    // is the gateway's for each request.
    [Theory]
    [InlineData("Content-Length", "3")]
    [InlineData("transfer-encoding", "chunked")]
    [InlineData("Connection", "")]
    public void Validate_headers_refuse_the_bodys_framing_and_the_connections(string name,
        string value)
    {
        var raw = TestConfigs.With(TestConfigs.Provider("https://a.example") with
        {
            Headers = [new(name, value)],
        });

        var actual = Assert.Single(TestConfigs.Errors(raw));

        Assert.StartsWith($"providers[0].headers.{name}: set by the gateway for each request",
            actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_empty_model_means_no_override()
    {
        var raw = TestConfigs.With(TestConfigs.Provider("https://a.example") with { Model = "" });

        var actual = TestConfigs.Valid(raw).Providers[0].Model;

        Assert.Null(actual);
    }
}
