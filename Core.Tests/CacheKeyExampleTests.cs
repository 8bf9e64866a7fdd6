using System.Security.Cryptography;
using System.Text;
using LanguageExt;
using Menshen.Core.Caching;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class CacheKeyExampleTests
{
    private static Fin<string> Compute(string json, EndpointKind kind = EndpointKind.ChatCompletions) =>
        CacheKey.Compute(kind, Encoding.UTF8.GetBytes(json));

    private static string Key(string json) => FinAssert.Succ(Compute(json));

    [Fact]
    public void CacheKey_hashes_the_documented_canonical_form()
    {
        var body = "{ \"stream\": true, \"user\": \"u1\", \"model\": \"gpt-4o\",\n"
            + "  \"messages\": [ { \"content\": \"caf\\u00e9 \\/ \\\"hi\\\"\\n\", \"role\": \"user\" } ],"
            + " \"temperature\": 0.70 }";
        var canonical = "menshen-cache-v2\nchat/completions\n"
            + "{\"messages\":[{\"content\":\"café / \\\"hi\\\"\\u000a\",\"role\":\"user\"}],"
            + "\"model\":\"gpt-4o\",\"stream\":true,\"temperature\":0.70}";
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

        var actual = Key(body);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("1", "1.0")]
    [InlineData("100", "1e2")]
    [InlineData("1e2", "1E2")]
    [InlineData("0.7", "0.70")]
    public void CacheKey_numbers_are_kept_as_written(string a, string b)
    {
        var actual = Key($"{{\"temperature\":{a}}}");

        Assert.NotEqual(Key($"{{\"temperature\":{b}}}"), actual);
    }

    [Theory]
    [InlineData("\"é\"", "\"\\u00e9\"")]
    [InlineData("\"😀\"", "\"\\ud83d\\ude00\"")]
    [InlineData("\"a/b\"", "\"a\\/b\"")]
    [InlineData("\"\\n\"", "\"\\u000A\"")]
    [InlineData("\"\\\"\"", "\"\\u0022\"")]
    public void CacheKey_equal_strings_with_different_escapes_agree(string a, string b)
    {
        var actual = Key($"{{\"stop\":{a}}}");

        Assert.Equal(Key($"{{\"stop\":{b}}}"), actual);
    }

    // Canonical forms of different bodies never meet: array items stay apart, and a lone
    // surrogate is kept, not dropped.
    [Theory]
    [InlineData("[1,2]", "[12]")]
    [InlineData("[\"a\",\"b\"]", "[\"a\"]")]
    [InlineData("\"\\ud800a\"", "\"a\"")]
    [InlineData("\"a\\udc00\"", "\"a\"")]
    public void CacheKey_different_values_differ(string a, string b) =>
        Assert.NotEqual(Key($"{{\"stop\":{b}}}"), Key($"{{\"stop\":{a}}}"));

    [Fact]
    public void CacheKey_lone_surrogate_differs_from_the_replacement_character()
    {
        var actual = Key("{\"stop\":\"\\ud800\"}");

        Assert.NotEqual(Key("{\"stop\":\"\\ufffd\"}"), actual);
    }

    [Fact]
    public void CacheKey_only_the_root_user_is_ignored()
    {
        var actual = Key("{\"metadata\":{\"user\":\"a\"}}");

        Assert.NotEqual(Key("{\"metadata\":{\"user\":\"b\"}}"), actual);
    }

    [Theory]
    // Parsers take the last of duplicate keys: this body is a plain request upstream, and its
    // answer must not be stored under the streaming request's key (nor the other way round).
    [InlineData("{\"stream\":true,\"stream\":false,\"model\":\"m\"}", "{\"stream\":true,\"model\":\"m\"}")]
    [InlineData("{\"stream\":true,\"stream\":null,\"model\":\"m\"}", "{\"stream\":true,\"model\":\"m\"}")]
    [InlineData("{\"stream\":false,\"stream\":true,\"model\":\"m\"}", "{\"model\":\"m\"}")]
    public void CacheKey_a_duplicated_root_stream_is_kept_whole(string duplicated, string once)
    {
        var actual = Key(duplicated);

        Assert.NotEqual(Key(once), actual);
        Assert.NotEqual(Key("{\"model\":\"m\"}"), actual);
        Assert.NotEqual(Key("{\"stream\":true,\"model\":\"m\"}"), actual);
    }

    [Fact]
    public void CacheKey_a_scope_separates_keys_and_no_scope_is_the_old_key()
    {
        var body = Encoding.UTF8.GetBytes("{\"model\":\"m\"}");
        var unscoped = CacheKey.Of(EndpointKind.ChatCompletions, body);

        string?[] actual = [CacheKey.Of(EndpointKind.ChatCompletions, body, "Bearer a\n\n"),
            CacheKey.Of(EndpointKind.ChatCompletions, body, "Bearer b\n\n"),
            CacheKey.Of(EndpointKind.ChatCompletions, body, "\n\n")];

        Assert.Equal(Key("{\"model\":\"m\"}"), unscoped);
        Assert.Equal(4, actual.Append(unscoped).Distinct().Count());
    }

    [Fact]
    public void CacheKey_is_lower_hex_sha256()
    {
        var actual = Key("{\"model\":\"gpt-4o\"}");

        Assert.Matches("^[0-9a-f]{64}$", actual);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"model\":\"gpt-4o\"} {}")]
    [InlineData("{\"model\":\"gpt-4o\",}")]
    [InlineData("{\"model\":'gpt-4o'}")]
    [InlineData("{\"model\":\"gpt-4o\" /* note */}")]
    public void CacheKey_body_that_is_not_one_json_object_fails(string json)
    {
        var actual = Compute(json);

        Assert.True(actual.IsFail);
    }

    [Fact]
    public void CacheKey_passthrough_fails()
    {
        var actual = Compute("{\"model\":\"gpt-4o\"}", EndpointKind.Passthrough);

        Assert.True(actual.IsFail);
    }
}
