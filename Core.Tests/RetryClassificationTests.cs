using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class RetryClassificationTests
{
    private static readonly FailoverConfig Defaults =
        new(true, RoutingGens.DefaultOnStatus, 3, TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(200, AttemptOutcome.Final)]
    [InlineData(201, AttemptOutcome.Final)]
    [InlineData(304, AttemptOutcome.Final)]
    [InlineData(400, AttemptOutcome.Final)]
    [InlineData(401, AttemptOutcome.TryNext)]
    [InlineData(403, AttemptOutcome.TryNext)]
    [InlineData(404, AttemptOutcome.Final)]
    [InlineData(408, AttemptOutcome.TryNext)]
    [InlineData(413, AttemptOutcome.Final)]
    [InlineData(422, AttemptOutcome.Final)]
    [InlineData(429, AttemptOutcome.TryNext)]
    [InlineData(500, AttemptOutcome.TryNext)]
    [InlineData(502, AttemptOutcome.TryNext)]
    [InlineData(503, AttemptOutcome.TryNext)]
    [InlineData(504, AttemptOutcome.TryNext)]
    [InlineData(529, AttemptOutcome.TryNext)]
    public void Classify_status_with_default_on_status_gives_outcome(int status, AttemptOutcome expected)
    {
        var actual = RetryClassification.Classify(status, AttemptFailure.None, Defaults);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Classify_network_errors_and_timeouts_always_try_next() =>
        Gen.Select(Gen.OneOf(AttemptFailure.NetworkError, AttemptFailure.Timeout), Gen.Int[100, 599].Nullable(),
                RoutingGens.Failover)
            .Sample((failure, status, failover) =>
                RetryClassification.Classify(status, failure, failover) == AttemptOutcome.TryNext);

    [Fact]
    public void Classify_status_tries_next_exactly_when_enabled_and_listed() =>
        Gen.Select(Gen.Int[100, 599], Gen.Int[100, 599].Array[0, 6], Gen.Bool)
            .Sample((status, onStatus, enabled) =>
            {
                var failover = new FailoverConfig(enabled, [.. onStatus], 3, TimeSpan.FromSeconds(30));

                var actual = RetryClassification.Classify(status, AttemptFailure.None, failover);

                var movesOn = enabled && onStatus.Contains(status);
                return actual == (movesOn ? AttemptOutcome.TryNext : AttemptOutcome.Final);
            });

    [Fact]
    public void Classify_failover_disabled_status_503_is_final()
    {
        var failover = Defaults with { Enabled = false };

        var actual = RetryClassification.Classify(503, AttemptFailure.None, failover);

        Assert.Equal(AttemptOutcome.Final, actual);
    }

    [Fact]
    public void Classify_no_status_and_no_failure_throws() =>
        Assert.Throws<ArgumentException>(() =>
            RetryClassification.Classify(null, AttemptFailure.None, Defaults));
}
