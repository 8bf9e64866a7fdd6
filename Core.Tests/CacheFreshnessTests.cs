using CsCheck;
using Menshen.Core.Caching;

namespace Menshen.Core.Tests;

public class CacheFreshnessTests
{
    private static readonly Gen<DateTimeOffset> Instant =
        Gen.Long[1_600_000_000_000, 1_900_000_000_000].Select(DateTimeOffset.FromUnixTimeMilliseconds);

    private static readonly Gen<TimeSpan> Elapsed =
        Gen.Long[-10_000_000, 100_000_000].Select(TimeSpan.FromMilliseconds);

    private static readonly Gen<TimeSpan> MaxAge = Gen.Long[1, 100_000].Select(TimeSpan.FromSeconds);

    [Fact]
    public void IsFresh_zero_max_age_is_always_fresh() =>
        Gen.Select(Instant, Elapsed).Sample((stored, elapsed) =>
            CacheFreshness.IsFresh(stored, stored + elapsed, TimeSpan.Zero));

    [Fact]
    public void IsFresh_iff_younger_than_max_age() =>
        Gen.Select(Instant, Elapsed, MaxAge).Sample((stored, elapsed, maxAge) =>
            CacheFreshness.IsFresh(stored, stored + elapsed, maxAge) == (elapsed < maxAge));

    [Fact]
    public void IsFresh_ends_exactly_at_max_age() =>
        Gen.Select(Instant, MaxAge.Where(m => m > TimeSpan.Zero)).Sample((stored, maxAge) =>
            CacheFreshness.IsFresh(stored, stored + maxAge - TimeSpan.FromTicks(1), maxAge)
            && !CacheFreshness.IsFresh(stored, stored + maxAge, maxAge));

    [Fact]
    public void IsFresh_agrees_with_stale_at_or_before() =>
        Gen.Select(Instant, Elapsed, MaxAge).Sample((stored, elapsed, maxAge) =>
            CacheFreshness.IsFresh(stored, stored + elapsed, maxAge)
                == (stored > CacheFreshness.StaleAtOrBefore(stored + elapsed, maxAge)));

    [Fact]
    public void Age_is_whole_seconds_and_never_negative() =>
        Gen.Select(Instant, Elapsed).Sample((stored, elapsed) =>
            CacheFreshness.Age(stored, stored + elapsed)
                == (elapsed < TimeSpan.Zero ? 0 : (long)Math.Floor(elapsed.TotalSeconds)));

    [Fact]
    public void StaleAtOrBefore_zero_max_age_is_null()
    {
        var actual = CacheFreshness.StaleAtOrBefore(DateTimeOffset.UnixEpoch, TimeSpan.Zero);

        Assert.Null(actual);
    }

    [Fact]
    public void StaleAtOrBefore_huge_max_age_makes_nothing_stale()
    {
        var actual = CacheFreshness.StaleAtOrBefore(DateTimeOffset.UnixEpoch, TimeSpan.MaxValue);

        Assert.Equal(DateTimeOffset.MinValue, actual);
    }
}
