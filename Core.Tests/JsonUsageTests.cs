using System.Text;
using CsCheck;
using LanguageExt;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

public class JsonUsageTests
{
    private static Option<TokenUsage> Parse(string json, EndpointKind kind) =>
        JsonUsage.Parse(Encoding.UTF8.GetBytes(json), kind);

    [Fact]
    public void Parse_reads_the_usage_of_every_endpoint() =>
        UsageBodyGens.Any.Sample(body => JsonUsage.Parse(body.Bytes, body.Kind) == body.Usage);

    [Fact]
    public void Parse_is_none_for_a_truncated_body() =>
        UsageBodyGens.Any.SelectMany(body => Gen.Int[0, body.Bytes.Length - 1].Select(cut => (body, cut)))
            .Sample((body, cut) => JsonUsage.Parse(body.Bytes.AsSpan(0, cut), body.Kind).IsNone);

    [Fact]
    public void Parse_is_none_when_usage_is_absent() =>
        UsageBodyGens.Any.Sample(body =>
            Parse(body.Json.Replace("\"usage\":", "\"usage_x\":", StringComparison.Ordinal), body.Kind).IsNone);

    [Theory]
    [InlineData("{\"usage\":null}")]
    [InlineData("{\"usage\":{}}")]
    [InlineData("{\"usage\":{\"input_tokens\":5,\"output_tokens\":2}}")]
    [InlineData("{\"usage\":{\"prompt_tokens\":-5}}")]
    [InlineData("{\"usage\":{\"prompt_tokens\":\"5\"}}")]
    [InlineData("[{\"usage\":{\"prompt_tokens\":5}}]")]
    [InlineData("{\"usage\":{\"prompt_tokens\":5}} {}")]
    [InlineData("")]
    public void Parse_chat_body_without_readable_usage_is_none(string json)
    {
        var actual = Parse(json, EndpointKind.ChatCompletions);

        Assert.True(actual.IsNone);
    }

    [Fact]
    public void Parse_reads_a_count_only_within_the_bound() =>
        Gen.Long.Sample(count =>
        {
            var json = $"{{\"usage\":{{\"prompt_tokens\":{count},\"completion_tokens\":3," +
                $"\"total_tokens\":{count}}}}}";

            var actual = Parse(json, EndpointKind.ChatCompletions);

            var plausible = count is >= 0 and <= TokenCount.Max;
            return plausible
                ? actual == new TokenUsage(count, 3, count, null, null)
                : actual == new TokenUsage(0, 3, 3, null, null);
        });

    [Fact]
    public void Parse_never_sums_to_a_negative_total() =>
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue]).Sample((p, c) =>
            Parse($"{{\"usage\":{{\"prompt_tokens\":{p},\"completion_tokens\":{c}}}}}",
                EndpointKind.ChatCompletions).Map(u => u.TotalTokens is >= 0 and <= 2 * TokenCount.Max)
                .IfNone(true));

    [Fact]
    public void Parse_missing_total_is_prompt_plus_completion()
    {
        var actual = Parse("{\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":4}}", EndpointKind.ChatCompletions);

        Assert.Equal(new TokenUsage(10, 4, 14, null, null), actual);
    }

    [Fact]
    public void Parse_keeps_the_total_the_upstream_sent()
    {
        var json = "{\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":4,\"total_tokens\":20}}";

        var actual = Parse(json, EndpointKind.ChatCompletions);

        Assert.Equal(new TokenUsage(10, 4, 20, null, null), actual);
    }

    [Fact]
    public void Parse_zero_cached_tokens_is_zero_not_null()
    {
        var json = "{\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":null}}";

        var actual = Parse(json, EndpointKind.ChatCompletions);

        Assert.Equal(new TokenUsage(10, 1, 11, 0, null), actual);
    }

    [Fact]
    public void Parse_integral_decimal_count_is_read()
    {
        var json = "{\"usage\":{\"prompt_tokens\":12.0,\"completion_tokens\":1.5}}";

        var actual = Parse(json, EndpointKind.ChatCompletions);

        Assert.Equal(new TokenUsage(12, 0, 12, null, null), actual);
    }

    [Fact]
    public void Parse_responses_event_object_reads_response_usage()
    {
        var json = "{\"type\":\"response.completed\",\"response\":{\"id\":\"r\",\"usage\":{\"input_tokens\":8,"
            + "\"input_tokens_details\":{\"cached_tokens\":3},\"output_tokens\":2,"
            + "\"output_tokens_details\":{\"reasoning_tokens\":1},\"total_tokens\":10}}}";

        var actual = Parse(json, EndpointKind.Responses);

        Assert.Equal(new TokenUsage(8, 2, 10, 3, 1), actual);
    }

    [Fact]
    public void Parse_body_with_byte_order_mark_is_read()
    {
        var actual = Parse("\uFEFF{\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}", EndpointKind.Completions);

        Assert.Equal(new TokenUsage(5, 1, 6, null, null), actual);
    }

    [Fact]
    public void Parse_passthrough_is_never_read()
    {
        var actual = Parse("{\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}", EndpointKind.Passthrough);

        Assert.True(actual.IsNone);
    }

    [Theory]
    [InlineData("""{"usage":{"prompt_tokens":100,"completion_tokens":50,"prompt_cache_hit_tokens":80,"prompt_cache_miss_tokens":20}}""", 80L)]
    [InlineData("""{"usage":{"prompt_tokens":100,"completion_tokens":50,"prompt_tokens_details":{"cached_tokens":64},"prompt_cache_hit_tokens":80}}""", 64L)]
    [InlineData("""{"usage":{"prompt_cache_hit_tokens":80,"prompt_tokens":100,"completion_tokens":50}}""", 80L)]
    [InlineData("""{"usage":{"prompt_tokens":100,"completion_tokens":50}}""", null)]
    // Moonshot/Kimi's `cached_tokens` at the usage's root, the last choice (helper-97).
    [InlineData("""{"usage":{"prompt_tokens":39,"completion_tokens":211,"total_tokens":250,"cached_tokens":30}}""", 30L)]
    [InlineData("""{"usage":{"cached_tokens":30,"prompt_tokens":100,"completion_tokens":50,"prompt_cache_hit_tokens":80}}""", 80L)]
    public void Parse_reads_deepseeks_cache_hits_as_cached_tokens(string json, long? expected)
    {
        // DeepSeek names its prompt-cache hits prompt_cache_hit_tokens; OpenAI's own field wins.
        var usage = Parse(json, EndpointKind.ChatCompletions);

        // -1: no cached count read; -2: no usage at all.
        Assert.Equal(expected ?? -1, usage.Map(u => u.CachedTokens ?? -1).IfNone(-2));
    }

    // helper-97: OpenRouter reports an Anthropic model's prompt-cache writes in
    // `prompt_tokens_details.cache_write_tokens`; they were priced as plain input.
    [Theory]
    [InlineData("""{"usage":{"prompt_tokens":100,"completion_tokens":10,"prompt_tokens_details":{"cached_tokens":40,"cache_write_tokens":8}}}""", 40L, 8L)]
    [InlineData("""{"usage":{"prompt_tokens":100,"completion_tokens":10,"prompt_tokens_details":{"cache_write_tokens":0}}}""", null, 0L)]
    [InlineData("""{"usage":{"prompt_tokens":100,"completion_tokens":10,"prompt_tokens_details":{"cached_tokens":40}}}""", 40L, null)]
    public void Parse_reads_openrouters_cache_writes(string json, long? cached, long? writes)
    {
        var usage = Parse(json, EndpointKind.ChatCompletions).IfNone(() => throw new InvalidOperationException());

        Assert.Equal((cached, writes), (usage.CachedTokens, usage.CacheWrite5mTokens));
    }

    [Fact]
    public void Openrouters_cache_writes_are_priced_as_writes()
    {
        var usage = Parse("""{"usage":{"prompt_tokens":100,"completion_tokens":10,"prompt_tokens_details":{"cached_tokens":40,"cache_write_tokens":8}}}""",
            EndpointKind.ChatCompletions).IfNone(() => throw new InvalidOperationException());

        var actual = Menshen.Core.Pricing.CostCalculator.Cost(usage, new Config.ModelPrice(1m, 2m, 0.1m));

        Assert.Equal((52m * 1m + 40m * 0.1m + 8m * 1.25m + 10m * 2m) / 1_000_000m, actual);
    }
}
