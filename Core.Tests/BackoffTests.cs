using CsCheck;
using Menshen.Core.Errors;

namespace Menshen.Core.Tests;

public class BackoffTests
{
    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(7, 5000)]
    [InlineData(int.MaxValue, 5000)]
    public void Delay_doubles_from_the_first_up_to_the_max(int attempt, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Backoff.Delay(
            TimeSpan.FromMilliseconds(100), attempt, TimeSpan.FromSeconds(5)));

    [Fact]
    public void Delay_never_shrinks_and_never_passes_the_max() =>
        Gen.Select(Gen.Int[1, 10_000], Gen.Int[1, 60], Gen.Int[1, 1_000_000])
            .Sample((firstMs, attempt, maxMs) =>
            {
                var first = TimeSpan.FromMilliseconds(firstMs);
                var max = TimeSpan.FromMilliseconds(maxMs);
                var delay = Backoff.Delay(first, attempt, max);
                return delay <= max && delay <= Backoff.Delay(first, attempt + 1, max)
                    && (attempt > 1 || delay == (first < max ? first : max));
            });
}
