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
}
