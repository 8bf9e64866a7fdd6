using System.Text;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

public class TokenUsageTests
{
    [Theory]
    [InlineData(null, null, null)]
    [InlineData(3L, null, 3L)]
    [InlineData(null, 4L, 4L)]
    [InlineData(3L, 4L, 7L)]
    public void CacheWriteTokens_sums_the_lifetimes_reported_and_is_null_when_none_is(
        long? fiveMinutes, long? oneHour, long? expected) =>
        Assert.Equal(expected,
            new TokenUsage(1, 1, 2, null, null, fiveMinutes, oneHour).CacheWriteTokens);

    [Theory]
    [InlineData(-1L, null)]
    [InlineData(0L, 0L)]
    [InlineData(TokenCount.Max, TokenCount.Max)]
    [InlineData(TokenCount.Max + 1, null)]
    public void A_count_from_0_to_the_bound_is_plausible(long value, long? expected) =>
        Assert.Equal(expected, TokenCount.Plausible(value));

    // A count written as a whole decimal (`12.0`) is read as that number, from 0 to the bound.
    [Theory]
    [InlineData("0.0", 0L)]
    [InlineData("1000000000.0", TokenCount.Max)]
    [InlineData("1000000001.0", null)]
    [InlineData("-1.0", null)]
    [InlineData("2.5", null)]
    public void A_whole_decimal_count_is_read_within_the_bound(string count, long? expected)
    {
        var json = $"{{\"usage\":{{\"prompt_tokens\":{count}}}}}";

        var actual = JsonUsage.Parse(Encoding.UTF8.GetBytes(json), EndpointKind.ChatCompletions);

        // A usage object without a count it can read says nothing (None, here -1).
        Assert.Equal(expected ?? -1, actual.Map(u => u.PromptTokens).IfNone(-1));
    }
}
