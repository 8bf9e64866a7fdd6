using System.Text;
using CsCheck;
using Menshen.Core.Dialects.Anthropic;

namespace Menshen.Core.Tests;

public class AnthropicUsageJsonTests
{
    [Fact]
    public void FromBody_reads_back_every_known_field() =>
        AnthropicGens.Report.Sample(u =>
        {
            var body = $$"""{"id":"msg_1","type":"message","content":[],"usage":{{AnthropicGens.UsageJson(u)}}}""";

            return AnthropicUsageJson.FromBody(Encoding.UTF8.GetBytes(body)) == u;
        });

    [Theory]
    [InlineData("""{"input_tokens":12}""")]
    [InlineData("""{"type":"error","error":{"type":"api_error","message":"x"}}""")]
    [InlineData("""{"usage":{"input_tokens":"12","output_tokens":null}}""")]
    [InlineData("""{"usage":{"input_tokens":-1}}""")]
    [InlineData("""{"usage":{"input_tokens":1}""")]
    [InlineData("not json")]
    public void FromBody_without_a_readable_usage_is_unknown(string body)
    {
        var actual = AnthropicUsageJson.FromBody(Encoding.UTF8.GetBytes(body));

        Assert.True(actual.IsUnknown);
    }

    [Fact]
    public void A_count_over_the_bound_is_not_given() =>
        Assert.Equal((null, 1L), AnthropicUsageJson.FromBody(Encoding.UTF8.GetBytes(
            """{"usage":{"input_tokens":1000000001,"output_tokens":1}}""")) is var u
            ? (u.InputTokens, u.OutputTokens) : default);

    [Fact]
    public void Counts_near_the_int64_limit_never_sum_to_a_negative_prompt() =>
        // A hostile upstream's two halves of 2^63 wrapped the prompt to a negative number, and a
        // metrics counter that threw on it lost the audit record.
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue],
            Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue]).Sample((input, read, write, output) =>
        {
            var body = $$$"""{"type":"message","usage":{"input_tokens":{{{input}}},"cache_read_input_tokens":{{{read}}},"cache_creation_input_tokens":{{{write}}},"output_tokens":{{{output}}}}}""";

            var usage = AnthropicUsageNormalisation.Normalise(
                AnthropicUsageJson.FromBody(Encoding.UTF8.GetBytes(body)));

            return usage is null
                || (usage.PromptTokens is >= 0 and <= 3 * Usage.TokenCount.Max
                    && usage.TotalTokens is >= 0 and <= 4 * Usage.TokenCount.Max);
        });
}
