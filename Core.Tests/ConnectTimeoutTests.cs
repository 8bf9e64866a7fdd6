using CsCheck;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class ConnectTimeoutTests
{
    /// helper-86: the connect timeout equalled the header timeout, so a dead host was reported
    /// by whichever fired first. It is now always shorter than the upstream timeout, and never
    /// more than 10 s (30 s before: a blackholed provider held each request that long).
    [Fact]
    public void The_connect_timeout_ends_before_the_upstream_timeout_and_within_10_s() =>
        Gen.Int[0, 3600].Sample(seconds =>
        {
            var timeout = TimeSpan.FromSeconds(seconds);
            var connect = AttemptErrors.ConnectTimeout(timeout);
            return connect > TimeSpan.Zero && connect <= TimeSpan.FromSeconds(10)
                && (timeout == TimeSpan.Zero || connect < timeout);
        });

    // A timeout of 0 is none at all: the connect timeout is then the 10 s cap, never zero.
    [Theory]
    [InlineData(0, 10_000)]
    [InlineData(1, 500)]
    [InlineData(19, 9_500)]
    [InlineData(20, 10_000)]
    [InlineData(21, 10_000)]
    [InlineData(3600, 10_000)]
    public void The_connect_timeout_is_half_the_upstream_timeout_capped_at_10_s(
        int seconds, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs),
            AttemptErrors.ConnectTimeout(TimeSpan.FromSeconds(seconds)));
}
