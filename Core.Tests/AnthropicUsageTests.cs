using Menshen.Core.Dialects.Anthropic;

namespace Menshen.Core.Tests;

public class AnthropicUsageTests
{
    private static readonly AnthropicUsage Start = new(10, 1, 5, 6, 2, 3);

    // message_delta after message_start: each field the later report gives wins.
    [Fact]
    public void Then_takes_every_field_the_later_report_gives()
    {
        var later = new AnthropicUsage(11, 20, 50, 60, 20, 30);

        Assert.Equal(later, Start.Then(later));
    }

    [Fact]
    public void Then_keeps_every_field_the_later_report_leaves_out() =>
        Assert.Equal(Start, Start.Then(AnthropicUsage.Unknown));

    [Fact]
    public void Then_mixes_field_by_field()
    {
        var later = new AnthropicUsage(null, 20, null, 60, null, 30);

        Assert.Equal(new AnthropicUsage(10, 20, 5, 60, 2, 30), Start.Then(later));
    }

    // Without cache_creation_input_tokens the split's sum is the cache write, 1 h kept as 1 h.
    [Theory]
    [InlineData(3L, 4L, 3L, 4L)]
    [InlineData(3L, null, 3L, 0L)]
    [InlineData(null, 4L, 0L, 4L)]
    public void A_split_without_a_total_is_the_cache_write(
        long? fiveMinutes, long? oneHour, long write5m, long write1h)
    {
        var usage = new AnthropicUsage(1, 1, null, null, fiveMinutes, oneHour);

        var actual = AnthropicUsageNormalisation.Normalise(usage)!;

        Assert.Equal((write5m, write1h, 1 + write5m + write1h),
            (actual.CacheWrite5mTokens, actual.CacheWrite1hTokens, actual.PromptTokens));
    }
}
